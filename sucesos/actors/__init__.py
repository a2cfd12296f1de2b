"""Actors: the lexicon of who is who, and finding actors in text."""
