#!/bin/sh
# The kit, JupyterHub and its proxy for a school server, as fast as `make lab`:
#   sudo deploy/jupyterhub/install.sh                 # into /opt/kit-hub
#   deploy/jupyterhub/install.sh --editable .venv-hub # a checkout's hub environment (make does this)
# Then: /opt/kit-hub/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py (README, "For school IT").
#
# Why not a plain `pip install .`: jsonschema's optional rfc3987-syntax builds a parser at import, which
# adds about a second to every kernel's first plot (plotly -> nbformat -> jsonschema). It only checks
# the JSON-schema formats "iri" and "iri-reference"; no schema on the hub uses them (tests/test_hub.py
# checks), so it is removed here as `make` removes it.
#
# PYTHON picks the interpreter (Python 3.11 or newer). Every student's server runs it as that student,
# so it must be readable by all users: a pyenv or conda under /root is not; /usr/bin/python3 is.
set -eu
editable=""
if [ "${1:-}" = "--editable" ]; then editable="-e"; shift; fi
target=${1:-/opt/kit-hub}
here=$(cd "$(dirname "$0")/../.." && pwd)

usable() {  # $1 runs, is new enough, and every directory up to it can be entered by other users
  "$1" -c 'import sys, venv; assert sys.version_info >= (3, 11)' 2>/dev/null || return 1
  real=$("$1" -c 'import os, sys; print(os.path.realpath(sys.executable))')
  d=$real
  while [ "$d" != "/" ]; do
    d=$(dirname "$d")
    [ "$(stat -c %A "$d" | cut -c10)" = "x" ] || [ "$(stat -c %A "$d" | cut -c10)" = "t" ] || return 1
  done
  return 0
}
python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in /usr/bin/python3 /usr/local/bin/python3 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && usable "$(command -v "$candidate")"; then
      python=$(command -v "$candidate"); break
    fi
  done
fi
if [ -z "$python" ] || ! usable "$python"; then
  echo "No Python 3.11+ that every user can run was found. Install one (Debian/Ubuntu:" >&2
  echo "apt-get install python3 python3-venv) or set PYTHON=/path/to/python3." >&2
  exit 1
fi

test -x "$target/bin/python" || "$python" -m venv "$target"
"$target/bin/python" -m pip install --quiet --root-user-action=ignore --upgrade pip
"$target/bin/python" -m pip install --quiet --root-user-action=ignore $editable "$here[hub]"
"$target/bin/python" -m pip uninstall --quiet --root-user-action=ignore -y rfc3987-syntax 2>/dev/null || true
"$target/bin/python" -m kit settings >/dev/null
chmod -R a+rX "$target"

# The proxy (configurable-http-proxy, Node.js): into deploy/jupyterhub/node_modules, nothing global.
if [ ! -x "$here/deploy/jupyterhub/node_modules/.bin/configurable-http-proxy" ]; then
  if command -v npm >/dev/null 2>&1; then
    npm install --prefix "$here/deploy/jupyterhub" --no-audit --no-fund --loglevel=error
  else
    echo "npm is missing: install Node.js 20+ (apt-get install nodejs npm) for the proxy." >&2
    exit 1
  fi
fi
"$target/bin/python" -m pip check >/dev/null
echo "hub environment ready: $target (python: $python)"
