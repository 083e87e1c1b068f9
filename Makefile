# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: demo test lint golden bench clean browser-tools messages

# The package alone (what `make demo` needs), then the test tools on top (`make test`, lint ...).
# pip prints what it fetches: a first install takes a minute or two and should be seen working.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@echo "--- installing selfassess and its dependencies into $(VENV)"
	$(PY) -m pip install --upgrade --progress-bar on pip
	$(PY) -m pip install --progress-bar on -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	@echo "--- installing the test tools into $(VENV) (pytest, Playwright, Hypothesis, ruff, mypy)"
	$(PY) -m pip install --progress-bar on -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/selfassess bank validate
	$(BIN)/selfassess bank list
	$(BIN)/selfassess build -o site
	$(BIN)/selfassess report examples/responses \
	  --round "November 2025=examples/rounds/2025-11" --round "May 2026=examples/baseline" \
	  --round-workshop "May 2026=examples/workshops/2026-05-workshop.json" \
	  --workshop examples/workshops/2026-11-workshop.json \
	  --partnership "Northshire Health and Care Partnership" \
	  -o site/example-scorecard.pdf --html site/example-scorecard.html
	$(BIN)/selfassess verify site/example-scorecard.pdf
	$(BIN)/selfassess report examples/responses --language cy -q \
	  --round "Tachwedd 2025=examples/rounds/2025-11" --round "Mai 2026=examples/baseline" \
	  --round-workshop "Mai 2026=examples/workshops/2026-05-workshop.json" \
	  --partnership "Partneriaeth Iechyd a Gofal Northshire" -o site/example-scorecard.cy.pdf
	$(BIN)/selfassess verify -q site/example-scorecard.cy.pdf

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests bench docs
	$(BIN)/ruff format --check src tests bench docs
	$(BIN)/mypy src
	@# ESLint (eslint.config.js) over the page scripts; npm may be missing where lint runs first.
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.installed && \
	  node_modules/.bin/eslint src/selfassess/web src/selfassess/themes; \
	else echo "note: no npm; ESLint of the page scripts skipped (make browser-tools installs it)"; fi

# Rewrite tests/golden/ (printed figures, HTML scorecard, form page) and the generated
# docs/template-context.md and docs/cli.md from what the code does now; review the diff before committing.
# tests/test_golden.py and tests/test_template_context.py fail until they agree.
golden: $(VENV)/.test-installed
	$(PY) tests/golden/regenerate.py
	$(PY) docs/template_context.py
	$(PY) docs/cli_reference.py

# browser-tools first, so that lint finds npm (and ESLint) on a fresh machine.
# The suite on every CPU (pytest-xdist; a module's tests stay in one worker, so a module's
# fixtures, such as a rendered PDF, are made once). The wheel-install test (`slow`) runs in CI
# (CI=true) only; `make test CI=true` runs it here. A test that fails because Chromium lost a
# page's localStorage save (StorageLost, tests/browser_support.py) runs once more; nothing else does.
test: $(VENV)/.test-installed browser-tools lint
	$(BIN)/pytest -q -n auto --dist loadscope --reruns 1 --only-rerun StorageLost $(if $(CI),,-m "not slow")

# What the browser tests need: axe-core (and ESLint, for lint) from npm, Node for the scoring.js tests, Debian's
# Chromium, and poppler-utils (pdftoppm) for the page-image test. Installed where we may (CI runs as root); elsewhere the browser tests skip.
browser-tools:
	@if ! command -v npm >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq nodejs npm; fi
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.installed; \
	  else echo "note: no npm; the axe-core and scoring.js tests will skip"; fi
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq chromium poppler-utils; \
	  else echo "note: no /usr/bin/chromium or pdftoppm and not root to install them; those tests will skip"; fi; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The interface text to translate (Python's _()/N_()/ngettext and the templates' {% trans %}),
# into the catalogue template a translation starts from. Re-run after changing any wording;
# tests/test_locales.py fails while the committed .pot misses a message. No header or line
# numbers, so the file changes only when a message does.
MESSAGES_POT := src/selfassess/locales/messages.pot
messages: $(VENV)/.test-installed
	$(BIN)/pybabel extract -F babel.cfg --add-location=file --sort-output --omit-header \
	  --width=100 -o $(MESSAGES_POT) src/selfassess
	@# Each language's catalogue gains the new messages (empty: tests/test_locales.py fails
	@# until they are translated) and loses the gone ones; no guessed (fuzzy) translations.
	$(BIN)/pybabel update -i $(MESSAGES_POT) -d src/selfassess/locales -D messages \
	  --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --width=100

# Speed and size on this machine; writes bench/RESULTS.md (takes a few minutes).
bench: $(VENV)/.test-installed browser-tools
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) site build dist node_modules .pytest_cache .mypy_cache .ruff_cache
