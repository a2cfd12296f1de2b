"""The web UI and JSON API (`sucesos serve`)."""
