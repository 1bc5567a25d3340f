"""The architecture registry, the Keras builders, the training number format, the stored-model types."""
