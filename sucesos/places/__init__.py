"""Places: toponym detection and resolution against the offline gazetteer."""
