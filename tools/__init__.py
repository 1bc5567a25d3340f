"""Developer tools: the app server helper, the benchmark, the README screenshots."""
