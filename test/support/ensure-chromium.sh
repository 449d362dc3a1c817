#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the graph page's browser tests (driven by playwright-core,
# which downloads no browser of its own). `npm test` and .ci/run call this; it does nothing when
# Chromium is already installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium package (first run on this machine)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  exit 0
fi
echo "ensure-chromium: the graph page tests need Chromium: install Debian's 'chromium' package (apt-get install chromium)" >&2
exit 1
