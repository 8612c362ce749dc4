# The two commands of the README: `make run` and `make test`. Both create .venv when needed
# and reinstall only when a requirements file changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint browser fonts bench screenshots frameworks

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

# Optional: PyTorch and Keras, for the tests that compare the engine with them (CI runs them).
$(VENV)/.installed-frameworks: requirements-frameworks.txt $(VENV)/.installed-dev
	$(PY) -m pip install -q -r requirements-frameworks.txt
	touch $@

frameworks: $(VENV)/.installed-frameworks

run: $(VENV)/.installed-run fonts
	$(PY) -m streamlit run server.py --server.port $(PORT) --browser.gatherUsageStats false

browser:
	@bash scripts/ensure_packages.sh

fonts:
	@bash scripts/ensure_fonts.sh

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# the player's own unit tests run under Node (tests/js), then everything else
test: $(VENV)/.installed-dev browser lint
	@if command -v node >/dev/null; then node --test tests/js/; \
	else echo "node is missing: the player's unit tests (tests/js) are SKIPPED"; \
	[ "$${REQUIRE_BROWSER:-0}" != 1 ]; fi
	$(PY) -m pytest

bench: $(VENV)/.installed-dev browser
	$(PY) -m benchmarks.engine
	$(PY) -m benchmarks.scene_size
	$(PY) -m benchmarks.app
	$(PY) -m benchmarks.export
	$(PY) -m benchmarks.load
	$(PY) -m benchmarks.class_push
	$(PY) -m deploy.replicas

screenshots: $(VENV)/.installed-dev browser
	$(PY) -m scripts.screenshots
