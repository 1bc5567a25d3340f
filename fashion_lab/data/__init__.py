"""Fashion-MNIST itself, and how training reads it: the IDX files, batches and their augmentation."""
