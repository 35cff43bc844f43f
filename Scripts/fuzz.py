#!/usr/bin/env python3
"""Runs the libFuzzer targets built by `make fuzz` and reports what they did.

    python3 Scripts/fuzz.py --seconds N [--build-path .build-fuzz/release] [--target NAME ...]

Each target runs for N seconds on one core from its seed corpus in the repository (Fuzz/seeds/NAME
and the inputs it names below) and its working corpus (.build-fuzz/corpus/NAME, kept between runs,
git-ignored), with the dictionary Fuzz/NAME.dict. Leak checks are off while fuzzing (Swift's caches
make every input look like a leak, and a heap scan per input costs ten times the input); the working
corpus is then replayed once with leak detection on, which stops nowhere in the middle of a read. An input that breaks a property, crashes,
leaks or times out is kept in .build-fuzz/findings/NAME/. Prints one row per target: executions,
executions per second, coverage (edges and features), corpus size, peak memory, findings. Exits 1 if
any target found something.
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Each target's seeds beyond Fuzz/seeds/NAME: inputs the tests already keep.
TARGETS = {
    "annotation": ["Tests/FactCheckKitTests/Fixtures", "Tests/FactCheckKitTests/Fixtures/named", "Samples"],
    "html": ["Samples"],
    "claimreview": [],
}
# libFuzzer's options on every run: inputs up to 64 KiB, ten seconds per input at most.
OPTIONS = ["-max_len=65536", "-timeout=10", "-rss_limit_mb=4096", "-print_final_stats=1"]


def run_target(name, binary, seconds):
    corpus = os.path.join(ROOT, ".build-fuzz", "corpus", name)
    findings = os.path.join(ROOT, ".build-fuzz", "findings", name)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(findings, exist_ok=True)
    seeds = [os.path.join(ROOT, "Fuzz", "seeds", name)] + [os.path.join(ROOT, path) for path in TARGETS[name]]
    before = set(os.listdir(findings))
    env = dict(os.environ, TMPDIR=os.environ.get("TMPDIR", "/tmp"))
    # No leak check at exit either: libFuzzer exits while the last streamed read's schema-check
    # thread is still being torn down, and LeakSanitizer then reports that thread's libxml2 state.
    fuzz_env = dict(env, ASAN_OPTIONS="detect_leaks=0")
    log = os.path.join(ROOT, ".build-fuzz", f"{name}.log")
    command = [binary, corpus, *seeds, f"-max_total_time={seconds}", "-detect_leaks=0",
               f"-dict={os.path.join(ROOT, 'Fuzz', name + '.dict')}", f"-artifact_prefix={findings}/", *OPTIONS]
    with open(log, "w") as output:
        fuzzing = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, env=fuzz_env)
    text = open(log, errors="replace").read()
    stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", text, re.M))
    coverage = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)/", text)
    # The corpus once more, with leak detection at exit.
    replay = subprocess.run([binary, corpus, "-runs=0", "-detect_leaks=1", *OPTIONS],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True, errors="replace")
    new = sorted(set(os.listdir(findings)) - before)
    problems = []
    if fuzzing.returncode != 0:
        problems.append(f"fuzzing exited {fuzzing.returncode} (log: {os.path.relpath(log, ROOT)})")
    if replay.returncode != 0:
        tail = "\n".join(replay.stdout.splitlines()[-20:])
        problems.append(f"replay with leak detection exited {replay.returncode}:\n{tail}")
    problems += [f"kept {os.path.join('.build-fuzz', 'findings', name, file)}" for file in new]
    edges, features, inputs = coverage[-1] if coverage else ("?", "?", "?")
    row = (f"{name:<11} {stats.get('number_of_executed_units', '?'):>10} {stats.get('average_exec_per_sec', '?'):>7}"
           f" {edges:>6} {features:>8} {inputs:>7} {stats.get('peak_rss_mb', '?'):>7}  {len(problems)}")
    return row, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60, help="how long each target runs")
    parser.add_argument("--build-path", default=os.path.join(ROOT, ".build-fuzz", "release"))
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="run only these targets")
    arguments = parser.parse_args()
    rows, failures = [], []
    for name in arguments.target or sorted(TARGETS):
        binary = os.path.join(arguments.build_path, f"factcheck-fuzz-{name}")
        if not os.access(binary, os.X_OK):
            sys.exit(f"fuzz.py: {binary} is not built; run `make fuzz`")
        print(f"fuzzing {name} for {arguments.seconds} s", flush=True)
        row, problems = run_target(name, binary, arguments.seconds)
        rows.append(row)
        failures += [f"{name}: {problem}" for problem in problems]
    print(f"{'TARGET':<11} {'EXECS':>10} {'EXEC/S':>7} {'EDGES':>6} {'FEATURES':>8} {'CORPUS':>7} {'RSS MB':>7}  FINDINGS")
    print("\n".join(rows))
    for failure in failures:
        print(failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
