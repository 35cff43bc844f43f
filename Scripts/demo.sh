#!/usr/bin/env bash
# A newcomer's first look, from the repository's top folder: a new article imported, a day at the desk
# on a copy of the finished sample, the four exports, two reviewers merging in git, and a broken copy
# caught. Every step is shown as it is typed, and nothing else is done: the README's walkthrough is this
# script's output, and `make walkthrough-check` runs the README's commands as they stand there.
set -uo pipefail
cd "$(dirname "$0")/.."

# Shows a command as typed, then runs it; a failure is shown and the walk goes on.
typed() {
    local command
    command=$(cat)
    printf '\n$ %s\n' "$command"
    eval "$command" || echo "(exit status $?)"
}
say() { printf '\n# %s\n' "$1"; }

typed <<'STEP'
export PATH="$PWD/.build/debug:$PATH" SAMPLES="$PWD/Samples" WALK="$(mktemp -d)"
STEP
typed <<'STEP'
export FACTCHECK_REVIEWER="Alex Example"
STEP
typed <<'STEP'
factcheck validate Samples/
STEP

say "A new article comes in: import it into an empty workspace, see why each sentence scored as it did."
typed <<'STEP'
mkdir "$WALK/new" && cd "$WALK/new"
STEP
typed <<'STEP'
factcheck import "$SAMPLES/un-panel-north-korea-icc.html" --id nk-icc
STEP
typed <<'STEP'
factcheck extract nk-icc --explain --dry-run --threshold 0.3
STEP
typed <<'STEP'
factcheck add nk-icc --quote "55 others withdrew"
STEP

say "The desk's day, on a copy of the finished sample, in a git repository."
typed <<'STEP'
mkdir "$WALK/desk" && cd "$WALK/desk" && git init -q -b main
STEP
typed <<'STEP'
git config user.name "Alex Example" && git config user.email alex@example.org
STEP
typed <<'STEP'
factcheck init --org-name "Example Fact Desk" --org-url https://example.org --review-url "https://example.org/checks/{doc}/{claim}"
STEP
typed <<'STEP'
cp "$SAMPLES/nk-icc.factcheck.xml" . && git add -A && git commit -qm "The sample"
STEP
typed <<'STEP'
factcheck list
STEP
typed <<'STEP'
factcheck assign nk-icc:c13
STEP
typed <<'STEP'
factcheck mark nk-icc:c13 unverifiable --note "A claim about motive: the resolution's text says what it asks of the Security Council, not why." --source "https://m.koreaherald.com/view.php?ud=20141119000132"
STEP
typed <<'STEP'
factcheck dismiss nk-icc:c12 --note "A forecast, not a checkable statement of fact." --dry-run
STEP
typed <<'STEP'
factcheck dismiss nk-icc:c12 --note "A forecast, not a checkable statement of fact."
STEP
typed <<'STEP'
factcheck assign nk-icc:c2
STEP
typed <<'STEP'
factcheck history nk-icc:c13
STEP
typed <<'STEP'
factcheck show nk-icc:c3
STEP
typed <<'STEP'
factcheck list --all --sort time --limit 3
STEP
typed <<'STEP'
factcheck search "veto"
STEP
typed <<'STEP'
factcheck stats
STEP
typed <<'STEP'
git diff --stat
STEP

say "Publishing: the four exports of the reviewed article."
typed <<'STEP'
factcheck export nk-icc --format annotated-xml -o nk-icc.annotated.xml
STEP
typed <<'STEP'
factcheck export nk-icc --format claimreview -o nk-icc.claimreview.json
STEP
typed <<'STEP'
factcheck export nk-icc --format web-annotation -o nk-icc.web-annotation.json
STEP
typed <<'STEP'
factcheck export nk-icc --format html -o nk-icc.html
STEP
typed <<'STEP'
head -n 12 nk-icc.claimreview.json
STEP
typed <<'STEP'
git add -A && git commit -qm "The day's work"
STEP

say "Two reviewers, two clones of the desk: git merges their work claim by claim."
typed <<'STEP'
git clone -q "$WALK/desk" "$WALK/ann" && git clone -q "$WALK/desk" "$WALK/ben"
STEP
say "Ann Example, in ann/: git does not clone its config, so each clone sets up the merge driver."
typed <<'STEP'
cd "$WALK/ann" && export FACTCHECK_REVIEWER="Ann Example" && git config user.name "$FACTCHECK_REVIEWER" && git config user.email ann@example.org
STEP
typed <<'STEP'
factcheck init --git
STEP
typed <<'STEP'
factcheck note nk-icc:c2 "Checked the count against the UN's press release."
STEP
typed <<'STEP'
factcheck add nk-icc --quote "the International Criminal Court" --occurrence 1
STEP
typed <<'STEP'
git commit -qam "c2 noted; a claim added"
STEP
say "Ben Example, in ben/:"
typed <<'STEP'
cd "$WALK/ben" && export FACTCHECK_REVIEWER="Ben Example" && git config user.name "$FACTCHECK_REVIEWER" && git config user.email ben@example.org
STEP
typed <<'STEP'
factcheck init --git
STEP
typed <<'STEP'
factcheck note nk-icc:c2 "The Korea Herald reports the same count."
STEP
typed <<'STEP'
factcheck add nk-icc --quote "Kim Jong Un" --occurrence 1
STEP
typed <<'STEP'
git commit -qam "c2 noted; Kim Jong Un added"
STEP
say "Ann Example, in ann/: both notes are kept; both new claims too, Ben's renumbered."
typed <<'STEP'
cd "$WALK/ann" && export FACTCHECK_REVIEWER="Ann Example" && git pull -q --no-rebase --no-edit ../ben HEAD
STEP
typed <<'STEP'
factcheck list --doc nk-icc
STEP
say "Both close nk-icc:c15, differently: git reports a conflict, the document stays valid."
typed <<'STEP'
cd "$WALK/ben" && export FACTCHECK_REVIEWER="Ben Example" && git pull -q --no-rebase --no-edit ../ann HEAD
STEP
typed <<'STEP'
factcheck mark nk-icc:c15 unverifiable --note "No record of who said it." && git commit -qam "c15 unverifiable"
STEP
typed <<'STEP'
cd "$WALK/ann" && export FACTCHECK_REVIEWER="Ann Example"
STEP
typed <<'STEP'
factcheck dismiss nk-icc:c15 --note "A name, not a claim." && git commit -qam "c15 dismissed"
STEP
typed <<'STEP'
git pull -q --no-rebase --no-edit ../ben HEAD
STEP
typed <<'STEP'
factcheck validate .
STEP
typed <<'STEP'
factcheck list --conflicts
STEP
typed <<'STEP'
factcheck resolve nk-icc:c15 --take ours && git commit -qam "Merged Ben's work; c15 stays dismissed"
STEP
typed <<'STEP'
git log --oneline --graph -5
STEP

say "A copy with the text and a status edited by hand:"
typed <<'STEP'
mkdir "$WALK/broken" && cd "$WALK/broken" && cp "$SAMPLES/nk-icc.factcheck.xml" .
STEP
typed <<'STEP'
sed -i -e '0,/111 leaders/s//112 leaders/' -e 's/<claim id="c2" status="verified"/<claim id="c2" status="disputed"/' nk-icc.factcheck.xml
STEP
typed <<'STEP'
factcheck validate nk-icc.factcheck.xml
STEP
typed <<'STEP'
echo "The workspaces are in $WALK; open $WALK/desk/nk-icc.html in a browser."
STEP
