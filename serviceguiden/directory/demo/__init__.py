"""The Gothenburg-shaped demo registry (goteborg.json), the bad-import sample
(bad-import.json), the script that builds both (build_demo.py) and the loader (loader.py)."""
