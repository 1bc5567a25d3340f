"""The How they learned page: both networks' first layers replayed through training."""
