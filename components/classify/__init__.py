"""The Classify page: draw or upload a garment, see what each model answers."""
