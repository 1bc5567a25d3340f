"""The Train page: choose a model, train it, watch it learn live."""
