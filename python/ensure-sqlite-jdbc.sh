#!/usr/bin/env bash
# Provision the SQLite JDBC driver (org.xerial:sqlite-jdbc) that the local PySpark test of
# scripts/ingest_jdbc.py reads through, and print the JAR's path.
#
# The JAR is cached outside the clone next to the Python environment, in $TRIBUTARY_JARS_ROOT
# (default ~/.cache/tributary/jars); a second run reuses it at once. The first run downloads it
# from Maven Central with `mvn dependency:get` (install time, like the venv; tests never download).
set -euo pipefail
version="3.47.1.0"
root="${TRIBUTARY_JARS_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/tributary/jars}"
jar="$root/sqlite-jdbc-$version.jar"
if [ ! -s "$jar" ]; then
  echo "ensure-sqlite-jdbc: fetching org.xerial:sqlite-jdbc:$version (first run)" >&2
  mkdir -p "$root"
  repo="$(mktemp -d)"
  trap 'rm -rf "$repo"' EXIT
  mvn --batch-mode --quiet -Dstyle.color=never dependency:get -Dartifact="org.xerial:sqlite-jdbc:$version" -Dtransitive=false \
    -Dmaven.repo.local="$repo" >&2
  cp "$repo/org/xerial/sqlite-jdbc/$version/sqlite-jdbc-$version.jar" "$jar.tmp"
  mv "$jar.tmp" "$jar"
fi
echo "$jar"
