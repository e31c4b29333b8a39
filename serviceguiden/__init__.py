"""Serviceguiden: one registry for a city's public contact details."""

__version__ = "0.1.0"
