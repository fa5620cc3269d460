# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make lab    - create .venv if needed, install the kit, open JupyterLab on notebooks/
#   make test   - create .venv if needed, run every test (unit tests and nbval over every notebook)
# Options:  make lab PORT=8899 BROWSER=no      PYTHON=python3.12 (the interpreter for the venv)
# Also:    make present (projector page), make handouts (HTML per lesson), make student (student/ and key/),
#          make worksheets (one printable worksheet per lesson, no code, in worksheets/)

PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8888
BROWSER ?= yes
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kit-installed
# JupyterLab refuses to run as root without this flag (CI and many containers run as root).
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)
BROWSER_FLAG := $(if $(filter no,$(BROWSER)),--no-browser,)

.PHONY: lab test lint present handouts worksheets student bench install clean help proxy

help:
	@sed -n '1,6p' Makefile

$(STAMP): pyproject.toml package-lock.json
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "the kit needs Python 3.11 or newer"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment. On Debian/Ubuntu: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --root-user-action=ignore --upgrade pip
	$(BIN)/python -m pip install --quiet --root-user-action=ignore -e '.[test]'
	@# rfc3987-syntax (an optional extra of jsonschema) adds ~3 s to every nbformat import, so to
	@# every kernel's first plot, nbval and JupyterLab start-up; nothing in the kit needs it.
	-$(BIN)/python -m pip uninstall --quiet -y rfc3987-syntax
	$(BIN)/python -m kit settings
	@# axe-core (npm, pinned in package-lock.json) for the accessibility tests; from npm's cache when offline.
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefer-offline --no-audit --no-fund --loglevel=error || \
	  echo "npm ci failed (offline with an empty cache?): tests/test_a11y.py will say it cannot run"; \
	else echo "npm not found: install Node.js to run the accessibility tests (tests/test_a11y.py)"; fi
	@touch $(STAMP)

# The school-hub environment the hub test and the capacity benchmark run (deploy/jupyterhub/install.sh:
# an interpreter every user can run, the kit with the [hub] extra, the proxy from npm). Its failure is
# not fatal here: tests/test_hub.py then says what is missing (and fails in CI).
HUB_STAMP := $(VENV)/hub/.kit-installed
$(HUB_STAMP): pyproject.toml deploy/jupyterhub/package.json deploy/jupyterhub/install.sh
	@mkdir -p $(VENV)
	-sh deploy/jupyterhub/install.sh --editable $(VENV)/hub && touch $(HUB_STAMP)

# JupyterHub's proxy from npm, into deploy/jupyterhub/node_modules; only when it is missing (no network else).
PROXY := deploy/jupyterhub/node_modules/.bin/configurable-http-proxy
proxy:
	@test -x $(PROXY) || { command -v npm >/dev/null 2>&1 && \
	  npm install --prefix deploy/jupyterhub --no-audit --no-fund --loglevel=error; } || \
	  echo "npm is missing: the hub test will skip (apt-get install nodejs npm)"

install: $(STAMP) $(HUB_STAMP) proxy

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ --port=$(PORT) $(BROWSER_FLAG) $(ROOT_FLAG)

# The notebooks' checks save answers as a student's would: keep them out of the home folder.
test: $(STAMP) $(HUB_STAMP) proxy lint
	KIT_RESPONSES_DIR=$(CURDIR)/.venv/test-responses KIT_SUBMISSIONS_DIR=$(CURDIR)/.venv/test-responses \
	$(BIN)/python -m pytest tests notebooks --nbval-lax --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg -q

# The linter (rules in pyproject.toml, [tool.ruff]): runs first in make test.
lint: $(STAMP)
	$(BIN)/ruff check kit tests benchmarks deploy data/research_notes

# The comparison explorer and the decision matrix, full screen and without code, for the projector.
present: $(STAMP)
	$(BIN)/voila notebooks/projector.ipynb --port=$(PORT) $(if $(filter no,$(BROWSER)),--no-browser,) \
	  --Voila.ip=127.0.0.1 --theme=light --template=kit-projector

# Each lesson's student version as one standalone HTML file in handouts/ (figures included, no network
# needed; no teacher notes or model answers). The teacher's copies: python -m kit handouts --teacher
handouts: $(STAMP)
	$(BIN)/python -m kit handouts

# One printable worksheet per lesson in worksheets/ (no code; questions, excerpts, static charts, space to write).
worksheets: $(STAMP)
	$(BIN)/python -m kit worksheets

# The student version (student/) and the answer key (key/), built from the teacher notebooks.
student: $(STAMP)
	$(BIN)/python -m kit build

# Speed against the floor (prints a table, writes benchmarks/results.json). QUICK=1 skips the fresh clone,
# NOHUB=1 the class-hub capacity run.
bench: $(STAMP) $(HUB_STAMP) proxy
	$(if $(NOHUB),KIT_BENCH_NO_HUB=1,) $(BIN)/python benchmarks/run.py $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) build *.egg-info node_modules worksheets
