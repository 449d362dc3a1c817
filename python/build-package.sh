#!/usr/bin/env bash
# Build the Python package of Tributary (the jsii bindings) into dist/python/, or into the folder
# given as the first argument: jsii compiles lib/ to the .jsii assembly, jsii-pacmak generates the
# Python sources from it, and the project's Python environment (python/requirements.txt: setuptools
# and build, pinned) builds the wheel and the source archive without fetching anything.
#
# jsii-pacmak's own packaging step would install its build tools from PyPI into a fresh venv on
# every run; generating code only and building with the pinned environment keeps the build offline
# and reproducible. Python 3.10 or later (see python/ensure-venv.sh); about 40 s on 2 cores.
#
# The same sources give the same bytes on any machine: every timestamp in the wheel and in the source
# archive is SOURCE_DATE_EPOCH (default 1980-01-01, the earliest a zip can hold), every file mode is
# 644 and every folder 755 whatever the umask, and the source archive's entries are in name order
# with no owner names.
set -euo pipefail
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-315532800}"
umask 022
root="$(cd "$(dirname "$0")/.." && pwd)"
outdir="$(mkdir -p "${1:-$root/dist/python}" && cd "${1:-$root/dist/python}" && pwd)"
python="${TRIBUTARY_PYTHON:-$(bash "$root/python/ensure-venv.sh")/bin/python}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tributary-pacmak-XXXXXX")"
trap 'rm -rf "$work"' EXIT

cd "$root"
node node_modules/jsii/bin/jsii --silence-warnings=reserved-word
# --no-fingerprint: the output goes to a new folder each time; --no-npmignore: leave the checkout alone.
node node_modules/jsii-pacmak/bin/jsii-pacmak --code-only --targets python --no-fingerprint --no-npmignore --outdir "$work/code" >&2
chmod -R u=rwX,go=rX "$work/code"
"$python" -m build --no-isolation --skip-dependency-check --outdir "$outdir" "$work/code/python" >&2
# setuptools writes the source archive with the build's clock and the checkout's owners: rewrite it.
"$python" - "$outdir" <<'PY'
import glob, gzip, io, os, sys, tarfile
epoch = int(os.environ["SOURCE_DATE_EPOCH"])
for archive in glob.glob(os.path.join(sys.argv[1], "*.tar.gz")):
    with tarfile.open(archive) as source:
        entries = [(m, source.extractfile(m).read() if m.isfile() else None) for m in source.getmembers()]
    tar = io.BytesIO()
    with tarfile.open(fileobj=tar, mode="w", format=tarfile.PAX_FORMAT) as target:
        for member, data in sorted(entries, key=lambda entry: entry[0].name):
            member.mtime, member.uid, member.gid, member.uname, member.gname, member.pax_headers = epoch, 0, 0, "", "", {}
            member.mode = 0o755 if member.isdir() else 0o644
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    with open(archive, "wb") as file, gzip.GzipFile(filename="", mode="wb", fileobj=file, mtime=epoch) as compressed:
        compressed.write(tar.getvalue())
PY
ls "$outdir"/*.whl
