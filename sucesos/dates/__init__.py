"""Dates: EN/ES date phrases resolved relative to the publication date."""
