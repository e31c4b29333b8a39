import os
from pathlib import Path

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _private_sqlite_file(sender, connection, **kwargs) -> None:
    """The SQLite file holds password hashes and sessions: readable by its owner only (the
    process umask would leave it world-readable, 0644). Its journal files too."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (Path(name), Path(f"{name}-wal"), Path(f"{name}-shm"), Path(f"{name}-journal")):
        try:
            if path.exists() and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)  # noqa: PTH101
        except OSError:
            pass


class CoreConfig(AppConfig):
    """Project-wide pieces: system checks and the CLI verbs that belong to no single app."""

    name = "serviceguiden.core"
    verbose_name = "Serviceguiden"

    def ready(self) -> None:
        from serviceguiden.core import checks  # noqa: F401  (registers system checks)

        connection_created.connect(_private_sqlite_file, dispatch_uid="private-sqlite-file")
