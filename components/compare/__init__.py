"""The Compare page: stored models side by side, and the race."""
