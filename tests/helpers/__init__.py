"""Helpers the test modules share, one module each by what it holds (fixtures stay in conftest.py):
app (the app headless in AppTest), bad_files (the upload corpus), cli (the CLI as a subprocess),
jobs (a stand-in training job), scenes (photos made for the tests), store (entries rewritten by
hand), waiting (waiting for what another thread or process does). Test modules import these, never
each other (tests/test_structure.py checks it)."""
