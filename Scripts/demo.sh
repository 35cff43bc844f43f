#!/usr/bin/env bash
# A newcomer's first look: a day at the desk on a copy of Samples/, then a broken copy caught.
set -euo pipefail
bin=$(realpath "${1:-.build/debug/factcheck}")
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

factcheck() { "$bin" "$@"; }
# Prints a command as one would type it, quoting arguments that need it.
step() {
    local line="" arg
    for arg in "$@"; do
        if [[ "$arg" =~ [[:space:]\'\?\&] ]]; then arg="\"$arg\""; fi
        line+="${line:+ }$arg"
    done
    printf '\n\033[1m$ %s\033[0m\n' "$line"
}
run() { step "${@/#gitc/git}"; "$@" || echo "(exit status $?)"; }

cd "$here"
run factcheck validate Samples/

export FACTCHECK_REVIEWER="Alex Example"
printf '\n# A new article comes in: import it into an empty workspace, see why each sentence scored as it did.'
mkdir "$work/new" && cd "$work/new"
cp "$here/Samples/un-panel-north-korea-icc.html" .
run factcheck import un-panel-north-korea-icc.html --id nk-icc
run factcheck extract nk-icc --explain --dry-run --threshold 0.3
run factcheck add nk-icc --quote "55 others withdrew"

printf '\n# The desk\x27s day, on a copy of the finished sample.'
cd "$work"
mkdir desk && cd desk
run factcheck init --org-name "Example Fact Desk" --org-url https://example.org \
    --review-url "https://example.org/checks/{doc}/{claim}"
cp "$here/Samples/nk-icc.factcheck.xml" .
if command -v git >/dev/null; then
    git init -q -b main . && git add -A && git -c user.name=demo -c user.email=demo@example.org commit -qm "sample"
fi

run factcheck list
run factcheck assign nk-icc:c13
run factcheck mark nk-icc:c13 unverifiable \
    --note "A claim about motive: the resolution's text says what it asks of the Security Council, not why." \
    --source https://m.koreaherald.com/view.php?ud=20141119000132
run factcheck dismiss nk-icc:c12 --note "A forecast, not a checkable statement of fact."
run factcheck assign nk-icc:c2
run factcheck history nk-icc:c13
run factcheck show nk-icc:c3
run factcheck stats
if command -v git >/dev/null; then
    run git diff --stat
fi

printf '\n# Publishing: the four exports of the reviewed article.'
run factcheck export nk-icc --format annotated-xml -o nk-icc.annotated.xml
run factcheck export nk-icc --format claimreview -o nk-icc.claimreview.json
run factcheck export nk-icc --format web-annotation -o nk-icc.web-annotation.json
run factcheck export nk-icc --format html -o nk-icc.html
run head -n 24 nk-icc.claimreview.json
mkdir -p "$here/.build/demo"
cp nk-icc.annotated.xml nk-icc.claimreview.json nk-icc.web-annotation.json nk-icc.html "$here/.build/demo/"
printf '\n(The four files are also in .build/demo/; open .build/demo/nk-icc.html in a browser.)\n'

if command -v git >/dev/null; then
    printf '\n# Two reviewers, two clones of the desk: git merges their work claim by claim.'
    cd "$work"
    gitc() { git -c user.name="$FACTCHECK_REVIEWER" -c user.email=desk@example.org "$@"; }
    (cd desk && gitc add -A && gitc commit -qm "the day's work")
    git clone -q desk ann && git clone -q desk ben
    (cd ann && run factcheck init --git)
    (cd ben && "$bin" init --git >/dev/null)
    as() { export FACTCHECK_REVIEWER="$1"; cd "$work/$2"; printf '\n# %s, in %s/:' "$1" "$2"; }
    as "Ann Example" ann
    run factcheck note nk-icc:c2 "Checked the count against the UN's press release."
    run factcheck add nk-icc --quote "the International Criminal Court" --occurrence 1
    gitc commit -qam "c2 noted; a claim added"
    as "Ben Example" ben
    run factcheck note nk-icc:c2 "The Korea Herald reports the same count."
    run factcheck add nk-icc --quote "Kim Jong Un" --occurrence 1
    gitc commit -qam "c2 noted; a claim added"
    as "Ann Example" ann
    run gitc pull --no-rebase --no-edit ../ben HEAD
    run factcheck show nk-icc:c2
    run factcheck list --doc nk-icc
    printf '\n# Both close the same claim differently: git reports a conflict, the document stays valid.'
    as "Ben Example" ben
    gitc pull -q --no-rebase --no-edit ../ann HEAD
    run factcheck mark nk-icc:c15 unverifiable --note "No record of who said it."
    gitc commit -qam "c15 unverifiable"
    as "Ann Example" ann
    run factcheck dismiss nk-icc:c15 --note "A name, not a claim."
    gitc commit -qam "c15 dismissed"
    run gitc pull --no-rebase --no-edit ../ben HEAD
    run factcheck validate .
    run factcheck list --conflicts
    run factcheck resolve nk-icc:c15 --take ours
    gitc commit -qam "merged Ben's work; c15 stays dismissed"
    run git log --oneline --graph -6
fi

cp "$here/Samples/nk-icc.factcheck.xml" "$work/"
cd "$work"
# Someone edits the article text by hand and changes a status without a matching verdict.
sed -i -e '0,/111 leaders/s//112 leaders/' \
    -e 's/<claim id="c2" status="verified"/<claim id="c2" status="disputed"/' nk-icc.factcheck.xml
printf '\n# A copy with the text and a status edited by hand:'
run factcheck validate nk-icc.factcheck.xml
