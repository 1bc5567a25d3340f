# Fashion-MNIST Lab. `make run` starts the app, `make test` runs every test, `make bench` measures
# (`make bench ROWS=first,prediction`: those groups only; tools/bench.py lists them).
# Both create .venv and install what is missing; a second run only checks and is quick.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATASET_DIR := /usr/share/datasets/fashion-mnist
PORT ?= 8501
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -q

.PHONY: run test check bench models screenshots dataset browser postgres clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# The dataset: Debian's package when we may install it, otherwise FASHION_MNIST_DIR or Keras's
# download (fashion_lab/data/fashion_mnist.py says what to do when none of them is there).
dataset:
	@if [ -z "$$FASHION_MNIST_DIR" ] && [ ! -f $(DATASET_DIR)/t10k-labels-idx1-ubyte.gz ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    $(APT_INSTALL) dataset-fashion-mnist || { apt-get update -q && $(APT_INSTALL) dataset-fashion-mnist; }; \
	  else echo "note: dataset-fashion-mnist not installed; run 'sudo apt-get install dataset-fashion-mnist' or set FASHION_MNIST_DIR"; fi; \
	fi

# The browser for the browser tests: Debian's chromium (never `playwright install`), the colour
# emoji a phone draws the quiz's class buttons with, and the CJK fonts (Korean pages; the app
# serves its own Korean font, tools/korean_font.py cuts it from these).
BROWSER_PACKAGES := chromium fonts-noto-color-emoji fonts-noto-cjk
browser:
	@if ! command -v chromium >/dev/null || [ ! -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || \
	  [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    $(APT_INSTALL) $(BROWSER_PACKAGES) || { apt-get update -q && $(APT_INSTALL) $(BROWSER_PACKAGES); }; \
	  else echo "note: chromium not installed; run 'sudo apt-get install $(BROWSER_PACKAGES)'"; fi; \
	fi

# PostgreSQL's server programs for the room's database tests (a throwaway cluster per test run).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    $(APT_INSTALL) postgresql || { apt-get update -q && $(APT_INSTALL) postgresql; }; \
	  else echo "note: postgresql not installed; run 'sudo apt-get install postgresql'"; fi; \
	fi

run: $(STAMP) dataset
	@$(PY) -m fashion_lab.settings
	@$(PY) -c 'from fashion_lab.room.drawings import presenter_key; print("Room presenter key:", presenter_key(), "(type it in Presenter key, in the sidebar of /room)")'
	$(PY) -m streamlit run streamlit_app.py --server.port $(PORT)

test: $(STAMP) dataset browser postgres
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# The quick inner loop: ruff and the tests that need no browser, Ray or PostgreSQL and are not
# marked slow (pyproject.toml's markers); `make test` runs them all.
check: $(STAMP) dataset
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --dist loadfile -m "not browser and not ray and not postgres and not slow"

bench: $(STAMP) dataset browser
	$(PY) -m tools.bench $(if $(ROWS),--rows $(ROWS))

# Retrain the bundled models (model_store/bundled, committed) with the project's own CLI.
models: $(STAMP) dataset
	$(PY) -m tools.bundle_models

screenshots: $(STAMP) dataset browser
	$(PY) -m tools.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
