#!/usr/bin/env python3
"""Kills factcheck writers at random moments and checks what they leave: `make crash-test`.

    python3 Scripts/crash_test.py [--trials N] [--binary PATH]

Each trial copies the sample into a fresh folder, starts one write command (note, mark, assign,
dismiss, source add or add, in turn), and SIGKILLs it after a random delay between zero and twice
the time the same command takes whole. Then the document must be valid (`factcheck validate`),
must equal the state before the command or the state after exactly one run of it (its history one
event longer, ending in that command's action, everything before that event unchanged), and the
next write must succeed. Prints the counts by outcome; exits 1 if any trial broke a rule.
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from xml.etree import ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "Samples", "nk-icc.factcheck.xml")
COMMANDS = [
    ("note", ["note", "nk-icc:c12", "Checked against the record."], "note"),
    ("mark", ["mark", "nk-icc:c12", "verified", "--rating", "accurate", "--source", "https://example.org/record"], "mark"),
    ("assign", ["assign", "nk-icc:c12"], "assign"),
    ("dismiss", ["dismiss", "nk-icc:c12", "--note", "A forecast, not a claim of fact."], "dismiss"),
    ("source add", ["source", "add", "nk-icc:c12", "https://example.org/record"], "add-source"),
    ("add", ["add", "nk-icc", "--quote", "55 others withdrew"], "create"),
]
ENV = dict(os.environ, FACTCHECK_REVIEWER="Crash Test", NO_COLOR="1")


def claims(path):
    """Each claim's history, as the attributes and note of every event, read from the file."""
    result = {}
    for claim in ElementTree.parse(path).getroot():
        if claim.tag.endswith("}claim"):
            history = next((child for child in claim if child.tag.endswith("}history")), [])
            result[claim.get("id")] = [dict(event.attrib, text="".join(event.itertext())) for event in history]
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "factcheck"))
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    # The commands run in folders of their own: a relative path would not find the binary there.
    args.binary = os.path.abspath(args.binary)
    rng = random.Random(args.seed)
    scratch = tempfile.mkdtemp(prefix="factcheck-crash-")
    try:
        # How long each command takes whole here, and the claims before any change.
        durations = {}
        for name, arguments, _ in COMMANDS:
            folder = os.path.join(scratch, "timing")
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
            shutil.copy(SAMPLE, folder)
            start = time.perf_counter()
            subprocess.run([args.binary] + arguments, cwd=folder, env=ENV, capture_output=True, check=True)
            durations[name] = time.perf_counter() - start
        before = claims(SAMPLE)
        with open(SAMPLE, "rb") as fh:
            original = fh.read()

        counts = {"before": 0, "after": 0}
        failures = []
        for trial in range(args.trials):
            name, arguments, action = COMMANDS[trial % len(COMMANDS)]
            folder = os.path.join(scratch, f"trial-{trial}")
            os.makedirs(folder)
            shutil.copy(SAMPLE, folder)
            process = subprocess.Popen([args.binary] + arguments, cwd=folder, env=ENV,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, 2 * durations[name]))
            try:
                process.send_signal(signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
            problem = None
            valid = subprocess.run([args.binary, "validate"], cwd=folder, env=ENV, capture_output=True, text=True)
            if valid.returncode != 0:
                problem = "invalid: " + valid.stderr.strip()[:300]
            else:
                with open(os.path.join(folder, "nk-icc.factcheck.xml"), "rb") as fh:
                    unchanged = fh.read() == original
                if unchanged:
                    counts["before"] += 1
                else:
                    now = claims(os.path.join(folder, "nk-icc.factcheck.xml"))
                    changed = [claim for claim in now if now[claim] != before.get(claim)]
                    if len(changed) != 1:
                        problem = f"{len(changed)} claims changed"
                    else:
                        claim = changed[0]
                        old, new = before.get(claim, []), now[claim]
                        if len(new) != len(old) + 1 or new[:len(old)] != old or new[-1]["action"] != action:
                            problem = f"claim {claim}'s history is not the old one and one {action}"
                        else:
                            counts["after"] += 1
                follow = subprocess.run([args.binary, "note", "nk-icc:c1", f"After trial {trial}."], cwd=folder, env=ENV,
                                        capture_output=True, text=True)
                if problem is None and follow.returncode != 0:
                    problem = "the next write failed: " + follow.stderr.strip()[:300]
            if problem:
                failures.append(f"trial {trial} ({name}): {problem}")
            shutil.rmtree(folder, ignore_errors=True)
        print(f"{args.trials} trials: {counts['before']} left the document as it was, {counts['after']} after exactly one "
              f"change, {len(failures)} broke a rule")
        for failure in failures[:20]:
            print(failure)
        return 1 if failures else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
