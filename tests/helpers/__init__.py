"""Helpers the test modules share, one module each by what it holds (fixtures stay in conftest.py):
app (the app headless in AppTest), bad_files (the upload corpus), cli (the CLI as a subprocess),
connection (a page's connection dropped and made again), jobs (a stand-in training job), scenes
(photos made for the tests), stalls (the app on a server whose script thread stalls), store
(entries rewritten by hand), waiting (waiting for what another thread or process does). Test
modules import these, never each other (tests/test_structure.py checks it)."""
