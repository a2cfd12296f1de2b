"""sucesos: news reports about organized crime and political violence, turned into evidence."""

__version__ = "0.1.0"

# Bumped whenever extraction output can change for the same text: stored
# extractions are keyed on it, so a new version re-extracts and an old one is kept.
PIPELINE_VERSION = "0.1.0"
