#!/usr/bin/env python3
"""Runs the README's walkthrough as typed: every `$ ` line of the block between the walkthrough
markers, in order, in one bash from the repository's top folder, and checks that each command
exits as the README shows (0, or the `(exit status N)` printed after it). Prints the first
command that does not, and exits 1."""
import os
import re
import shutil
import subprocess
import tempfile
import sys

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
readme = open(os.path.join(here, "README.md"), encoding="utf-8").read()
match = re.search(r"<!-- walkthrough -->\n```\n(.*?)\n```", readme, re.S)
if not match:
    sys.exit("walkthrough-check: no walkthrough block (<!-- walkthrough --> then a ``` block) in README.md")

steps = []  # (command, expected exit status)
for line in match.group(1).split("\n"):
    if line.startswith("$ "):
        steps.append([line[2:], 0])
    elif steps and (status := re.fullmatch(r"\(exit status (\d+)\)", line)):
        steps[-1][1] = int(status.group(1))
if not steps:
    sys.exit("walkthrough-check: the walkthrough has no commands")

# One shell runs them all, so exports and cd carry over, as they do for a reader typing them.
script = ["set -u"]
for number, (command, expected) in enumerate(steps):
    script.append(command)
    script.append(f'status=$?; if [ "$status" != {expected} ]; then echo "walkthrough-check: step {number + 1} exited $status, the README shows {expected}" >&2; exit 1; fi')
script.append('rm -rf "$WALK"')
# As on a fresh machine: no reviewer, no git identity or other settings of the user's own.
home = tempfile.mkdtemp(prefix="walkthrough-home-")
environment = {key: value for key, value in os.environ.items() if not key.startswith(("FACTCHECK_", "GIT_"))}
environment.update(HOME=home, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=here, env=environment,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
shutil.rmtree(home, ignore_errors=True)
if result.returncode != 0:
    lines = result.stderr.strip().split("\n")
    failed = next((l for l in reversed(lines) if l.startswith("walkthrough-check: step ")), None)
    if failed:
        step = int(re.search(r"step (\d+)", failed).group(1))
        print(f"{failed}:\n  $ {steps[step - 1][0]}", file=sys.stderr)
    print("\n".join(lines[-10:]), file=sys.stderr)
    sys.exit(1)
print(f"walkthrough-check: the README's {len(steps)} commands ran as typed")
