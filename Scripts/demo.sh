#!/usr/bin/env bash
# A newcomer's first look: the sample workspace checked, then a tampered copy caught.
set -euo pipefail
bin=$(realpath "${1:-.build/debug/factcheck}")
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step "factcheck validate Samples/"
"$bin" validate "$here/Samples"

cp "$here/Samples/nk-icc.factcheck.xml" "$work/"
# Someone edits the article text by hand and marks a claim verified without a source.
sed -i -e '0,/111 leaders/s//112 leaders/' \
    -e 's/<claim id="c2" status="verified"/<claim id="c2" status="disputed"/' "$work/nk-icc.factcheck.xml"
step "factcheck validate nk-icc.factcheck.xml   # a copy with the text and a status edited by hand"
(cd "$work" && "$bin" validate nk-icc.factcheck.xml) || echo "(exit status $?)"
