"""A training run: its config, the job and its events, the line of runs, in this process or on Ray."""
