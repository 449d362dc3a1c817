#!/usr/bin/env bash
# Provision the project's Python virtual environment (python/requirements.txt) and print its path.
#
# The environment lives outside the clone, in $TRIBUTARY_VENV_ROOT (default
# ~/.cache/tributary/venv), in a folder named by the hash of requirements.txt: a second run with the
# same requirements reuses it in well under a second; a change of requirements builds a new one.
# A build that did not finish (no .complete marker) is removed and started again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
requirements="$here/requirements.txt"
root="${TRIBUTARY_VENV_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/tributary/venv}"
hash="$(sha256sum "$requirements" | cut -c1-16)"
venv="$root/$hash"

if [ ! -f "$venv/.complete" ]; then
  python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 10) else 1)' 2>/dev/null; then
    echo "ensure-venv: Python 3.10 or later is needed (set PYTHON to its path)" >&2
    exit 1
  fi
  echo "ensure-venv: building $venv (first run with these requirements; a few minutes)" >&2
  rm -rf "$venv"
  mkdir -p "$root"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2
  "$venv/bin/python" -m pip check >&2
  touch "$venv/.complete"
fi
echo "$venv"
