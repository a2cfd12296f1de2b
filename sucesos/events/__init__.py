"""Events: ACLED-typed events with roles, casualties, tactics and modality."""
