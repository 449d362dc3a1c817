#!/usr/bin/env bash
# Build the Python package of Tributary (the jsii bindings) into dist/python/, or into the folder
# given as the first argument: jsii compiles lib/ to the .jsii assembly, jsii-pacmak generates the
# Python sources from it, and the project's Python environment (python/requirements.txt: setuptools
# and build, pinned) builds the wheel and the source archive without fetching anything.
#
# jsii-pacmak's own packaging step would install its build tools from PyPI into a fresh venv on
# every run; generating code only and building with the pinned environment keeps the build offline
# and reproducible. Python 3.10 or later (see python/ensure-venv.sh); about 40 s on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
outdir="$(mkdir -p "${1:-$root/dist/python}" && cd "${1:-$root/dist/python}" && pwd)"
python="${TRIBUTARY_PYTHON:-$(bash "$root/python/ensure-venv.sh")/bin/python}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tributary-pacmak-XXXXXX")"
trap 'rm -rf "$work"' EXIT

cd "$root"
node node_modules/jsii/bin/jsii --silence-warnings=reserved-word
# --no-fingerprint: the output goes to a new folder each time; --no-npmignore: leave the checkout alone.
node node_modules/jsii-pacmak/bin/jsii-pacmak --code-only --targets python --no-fingerprint --no-npmignore --outdir "$work/code" >&2
"$python" -m build --no-isolation --skip-dependency-check --outdir "$outdir" "$work/code/python" >&2
ls "$outdir"/*.whl
