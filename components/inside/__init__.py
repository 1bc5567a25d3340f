"""The Inside the CNN page: feature maps, pooling, kernels, the shift test."""
