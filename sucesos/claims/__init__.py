"""Claims: reported speech with its source, cue, content, hedges and chains."""
