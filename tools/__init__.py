"""Developer tools: the app server helper, the benchmark, the screenshots in docs/."""
