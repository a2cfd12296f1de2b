"""spaCy pipeline assembly per language, and language detection."""
