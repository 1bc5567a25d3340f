"""What a trained model does: evaluation, comparison, budgets, inspection, explanations, calibration."""
