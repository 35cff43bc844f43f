#!/usr/bin/env python3
"""The project's benchmark: `make bench` (release build), or `make bench-smoke` inside `make test`.

Generates a deterministic synthetic workspace with factcheck-benchgen (10,000 documents of about
12 KB, and one document with 100,000 claims), then times, as medians of several interleaved runs in this one
session: `factcheck list`, `factcheck validate`, `factcheck list --json` over the workspace; one
`mark` on a 12 KB document and on the 100,000-claim document; single-document commands; and as
the baseline `xmllint --noout --schema Schemas/annotation.xsd` over the same files. Prints each
median, its ratio to xmllint and peak memory (the child's maximum resident set), and writes the
table to Benchmarks/RESULTS.md.
"""
import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# Peak memory comes from GNU time: a child's ru_maxrss as seen from Python counts the Python
# process it was forked from (about 20 MiB), which would hide anything smaller.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(argv, cwd=None, env=None, check=True, peak=False):
    """Runs argv once; returns (seconds, peak RSS in MiB or None, exit status).

    With peak, the command runs under GNU time, whose own start-up (about 2.5 ms here) is then
    part of the time: the timed runs go without it, and one more run reads the peak."""
    # stderr goes to a file: a pipe read only after the exit would block a chatty child (xmllint).
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile(mode="r") as report:
        command = [TIME, "-f", "%M", "-o", report.name] + argv if TIME and peak else argv
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = 0
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
        # GNU time writes "Command exited with non-zero status N" before the figure when it fails.
        reported = [line for line in report.read().split() if line.isdigit()]
        peak_mib = None
        if peak:
            peak_mib = int(reported[-1]) / 1024 if TIME and reported else usage.ru_maxrss / 1024
    code = os.waitstatus_to_exitcode(status)
    if check and code != 0:
        sys.exit(f"bench: {' '.join(argv[:3])}… exited {code}:\n{stderr[:2000]}")
    return elapsed, peak_mib, code


def row_exit(row):
    """The exit status a row's command is expected to end with (a refusal is timed too)."""
    return row[5].get("exit", 0)


def measure_interleaved(rows, **kwargs):
    """Times every row in rounds, one run of each row per round, so that the machine getting
    slower or faster over the run (it is shared) moves every row alike and the ratios hold;
    then reads each row's peak memory in one more run. Returns each row's median and peak."""
    times = [[] for _ in rows]
    for round_index in range(max(row[2] for row in rows)):
        order = list(range(len(rows)))
        if round_index % 2:
            # A row and its baseline twin swap places every other round, so neither always runs
            # in the wake of the other (page cache, writeback after a large write).
            for index in range(len(rows) - 1):
                if rows[index + 1][5].get("twin") and order[index] == index:
                    order[index], order[index + 1] = index + 1, index
        for index in order:
            name, argv, runs, before, _, _ = rows[index]
            if round_index >= runs:
                continue
            if before:
                before()
            seconds, _, code = run(argv, check=False, **kwargs)
            expected = row_exit(rows[index])
            if code != expected:
                sys.exit(f"bench: {name} exited {code}, not {expected}")
            times[index].append(seconds)
    results = []
    for index, (name, argv, runs, before, target, _) in enumerate(rows):
        if before:
            before()
        _, peak, _ = run(argv, peak=True, check=row_exit(rows[index]) == 0, **kwargs)
        result = {"name": name, "median": statistics.median(times[index]), "times": times[index], "runs": runs,
                  "peak": peak, "target": target}
        print(f"{name}: {result['median']:.3f} s, {result['peak']:.1f} MiB", file=sys.stderr)
        results.append(result)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--large-claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", choices=["release", "debug"], default="release")
    parser.add_argument("--smoke", action="store_true", help="100 documents, 1,000-claim document, one run, no results file")
    parser.add_argument("--binary", help="time this factcheck binary (an earlier build, as a baseline) instead of the build's")
    parser.add_argument("--only", metavar="TEXT", action="append",
                        help="time only the rows whose name holds TEXT (repeat for more), and write no results file")
    parser.add_argument("--compare", metavar="BASELINE",
                        help="also time this earlier factcheck binary on every factcheck row, interleaved with it, "
                             "and report each row's change")
    args = parser.parse_args()
    if args.smoke:
        args.documents, args.large_claims, args.runs = 100, 1_000, 1

    bin_dir = subprocess.run(["swift", "build", "-c", args.build, "--show-bin-path"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.strip()
    factcheck = os.path.abspath(args.binary) if args.binary else os.path.join(bin_dir, "factcheck")
    generator = os.path.join(bin_dir, "factcheck-benchgen")
    xmllint = shutil.which("xmllint")
    if not xmllint:
        sys.exit("bench: xmllint not found (apt-get install libxml2-utils)")

    data = os.path.join(ROOT, ".build", "bench", f"{args.documents}-{args.large_claims}")
    workspace, half, large = (os.path.join(data, part) for part in ("workspace", "half", "large"))
    # The marker is named "untouched" since runs stopped changing the generated files; a folder
    # from before then (marked "complete") holds a grown document and is generated again.
    marker = os.path.join(data, "untouched")
    if not os.path.exists(marker):
        shutil.rmtree(data, ignore_errors=True)
        print(f"generating {args.documents} documents and one with {args.large_claims} claims in {data}", file=sys.stderr)
        subprocess.run([generator, workspace, str(args.documents)], check=True)
        subprocess.run([generator, large, "0", "--large-claims", str(args.large_claims)], check=True)
        os.makedirs(half)
        for name in sorted(os.listdir(workspace))[: args.documents // 2]:
            os.symlink(os.path.join(workspace, name), os.path.join(half, name))
        open(marker, "w").close()

    # A document just under 4 MB: it used to be read whole (82 MiB), below the old streaming threshold.
    medium_claims = max(args.large_claims // 23, 1)
    medium = os.path.join(data, "medium")
    if not os.path.exists(os.path.join(medium, "large-report.factcheck.xml")):
        shutil.rmtree(medium, ignore_errors=True)
        subprocess.run([generator, medium, "0", "--large-claims", str(medium_claims)], check=True)
    medium_doc = os.path.join(medium, "large-report.factcheck.xml")

    files = sorted(os.path.join(workspace, name) for name in os.listdir(workspace)
                   if name.endswith(".factcheck.xml") and not name.startswith("."))
    small = files[0]
    big = os.path.join(large, "large-report.factcheck.xml")
    env = dict(os.environ, FACTCHECK_REVIEWER="Bench Example", NO_COLOR="1")
    schema = os.path.join(ROOT, "Schemas", "annotation.xsd")

    # mark changes the file it is given, so each timed mark gets a fresh copy of the generated
    # document in a scratch workspace: reopening the same file again and again would grow its history
    # (the 12 KB document had reached 77 KB after a day of runs). The copy is flushed to disk first, so
    # mark's own fsyncs do not also pay for writing the copy.
    scratch = tempfile.mkdtemp(prefix="scratch-", dir=data)

    def fresh_copy(path):
        folder = os.path.join(scratch, os.path.basename(os.path.dirname(path)))

        def step():
            os.makedirs(folder, exist_ok=True)
            copy = os.path.join(folder, os.path.basename(path))
            shutil.copyfile(path, copy)
            for target in (copy, folder):
                descriptor = os.open(target, os.O_RDONLY)
                try:
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
        return step, folder

    small_id = os.path.basename(small).replace(".factcheck.xml", "")
    claims = f"{args.large_claims:,}-claim document"
    small_copy, big_copy = fresh_copy(small), fresh_copy(big)

    # A page of 250 articles nested in one another, 8 paragraphs each (issue 15: the main-element
    # choice used to take the square of the depth); imported into an empty folder each time.
    nested_page = os.path.join(data, "nested-articles.html")
    if not os.path.exists(nested_page):
        paragraph = "<p>The committee said the figure rose by 12 percent in the year to March.</p>"
        with open(nested_page, "w") as out:
            out.write("<html><head><title>Nested</title></head><body>" + ("<article>" + paragraph * 8) * 250
                      + "</article>" * 250 + "</body></html>")
    import_folder = os.path.join(scratch, "import")
    # Pages at the import's size cap (issue 15: 16 MiB; 1 MiB in the smoke run): tags, a paragraph
    # of prose every hundred; and one paragraph of sentences, more than extraction scores.
    page_mib = 1 if args.smoke else 16
    page_bytes = page_mib * 1048576 - 64  # the wrapping tags fit under the cap
    sentence = "The committee voted 111 to 19 on Tuesday. "
    sentences = page_bytes // len(sentence)
    chunk = "<i>a</i>" * 100 + "<p>The committee voted 111 to 19 on Tuesday, officials said in a statement.</p>"
    chunks = page_bytes // len(chunk)
    tags_page = os.path.join(data, f"tags-{page_mib}mib.html")
    if not os.path.exists(tags_page):
        with open(tags_page, "w") as out:
            out.write("<html><body><article>" + chunk * chunks + "</article></body></html>")
    prose_page = os.path.join(data, f"paragraph-{page_mib}mib.html")
    if not os.path.exists(prose_page):
        with open(prose_page, "w") as out:
            out.write("<html><body><p>" + sentence * sentences + "</p></body></html>")

    def empty_import_folder():
        shutil.rmtree(import_folder, ignore_errors=True)
        os.makedirs(import_folder)

    # The workspace index (issue 13): built from nothing, warm, and after ten documents changed
    # (touched: their stat differs, so they are read again).
    index_folder = os.path.join(workspace, ".factcheck")

    def no_index():
        shutil.rmtree(index_folder, ignore_errors=True)

    def warm_index():
        # Warm: built, and its search tables and postings too (each made the first time asked for;
        # the building row deletes the index every round). Each is quick once warm.
        for argv in (["list"], ["search", "warm"], ["similar", "--text", "warm"]):
            subprocess.run([factcheck] + argv + ["--workspace", workspace], env=env, capture_output=True)

    # An archive of other desks' checks (issue 13: 250,000, generated), indexed and warm.
    archive_checks = 2_500 if args.smoke else 250_000
    archive_workspace = os.path.join(ROOT, ".build", "bench", f"archive-{archive_checks}")
    if not os.path.exists(os.path.join(archive_workspace, "untouched")):
        shutil.rmtree(archive_workspace, ignore_errors=True)
        print(f"generating an archive of {archive_checks:,} checks in {archive_workspace}", file=sys.stderr)
        subprocess.run([generator, archive_workspace, "0", "--archive-checks", str(archive_checks)], check=True)
        open(os.path.join(archive_workspace, "untouched"), "w").close()

    def warm_archive():
        if not os.path.exists(os.path.join(archive_workspace, ".factcheck")):
            for argv in (["search", "warm"], ["similar", "--text", "warm"]):
                subprocess.run([factcheck] + argv + ["--workspace", archive_workspace], env=env, capture_output=True)

    def ten_changed():
        warm_index()
        for path in files[:10]:
            os.utime(path)

    # Each row: what is timed, and the target for it (ratio to xmllint, seconds, MiB).
    rows = [
        ("xmllint --noout --schema, all documents (baseline)", [xmllint, "--noout", "--schema", schema] + files,
         args.runs, None, None, {}),
        ("factcheck validate, all documents", [factcheck, "validate", workspace], args.runs, None,
         {"ratio": 0.75, "mib": 25}, {}),
        ("factcheck list (pending), all documents", [factcheck, "list", workspace], args.runs, None,
         {"ratio": 0.75, "mib": 25}, {}),
        ("factcheck list --json, all documents", [factcheck, "list", "--json", workspace], args.runs, None,
         {"mib": 25}, {}),
        ("factcheck list --workspace, building its index (first run)", [factcheck, "list", "--workspace", workspace],
         args.runs, no_index, {"mib": 25}, {}),
        ("factcheck list --workspace, warm index", [factcheck, "list", "--workspace", workspace], args.runs, warm_index,
         {"ratio": 1 / 30, "mib": 25}, {}),
        ("factcheck list --workspace, index warm but 10 documents changed", [factcheck, "list", "--workspace", workspace],
         args.runs, ten_changed, {"ratio": 1 / 20, "mib": 25}, {}),
        ("factcheck search \"spending rose\" --workspace, warm index",
         [factcheck, "search", "spending rose", "--workspace", workspace], args.runs, warm_index, {"seconds": 0.05, "mib": 25}, {}),
        ("factcheck similar --text \"the tax rate rose\" --workspace, warm index",
         [factcheck, "similar", "--text", "the tax rate rose", "--workspace", workspace], args.runs, warm_index,
         {"seconds": 0.05, "mib": 25}, {}),
        (f"factcheck search \"spending rose\", an archive of {archive_checks:,} checks, warm index",
         [factcheck, "search", "spending rose", "--workspace", archive_workspace], args.runs, warm_archive,
         {"seconds": 0.1, "mib": 25}, {}),
        (f"factcheck similar --text \"spending rose by 12 percent in District 12\", an archive of {archive_checks:,} checks",
         [factcheck, "similar", "--text", "spending rose by 12 percent in District 12", "--workspace", archive_workspace],
         args.runs, warm_archive, {"seconds": 0.1, "mib": 25}, {}),
        ("factcheck list --all (every claim), all documents", [factcheck, "list", "--all", workspace], args.runs, None,
         {"mib": 25}, {}),
        ("factcheck validate, half the documents", [factcheck, "validate", half], args.runs, None, {"mib": 25}, {}),
        (f"xmllint --stream --noout --schema, {claims}", [xmllint, "--stream", "--noout", "--schema", schema, big],
         args.runs, None, None, {}),
        (f"factcheck validate, {medium_claims:,}-claim document ({os.path.getsize(medium_doc) / 1048576:.1f} MiB)",
         [factcheck, "validate", medium_doc], args.runs, None, {"mib": 25}, {}),
        (f"factcheck list --all, {medium_claims:,}-claim document", [factcheck, "list", "--all", medium_doc], args.runs,
         None, {"mib": 25}, {}),
        (f"factcheck validate, {claims}", [factcheck, "validate", big], args.runs, None, {"mib": 25}, {}),
        (f"factcheck list, {claims}", [factcheck, "list", big], args.runs, None, {"mib": 25}, {}),
        ("factcheck validate, one 12 KB document", [factcheck, "validate", small], args.runs * 3, None,
         {"seconds": 0.025}, {}),
        ("factcheck show, one 12 KB document", [factcheck, "show", f"{small_id}:c1", "--workspace", workspace],
         args.runs * 3, None, {"seconds": 0.025}, {}),
        ("factcheck mark, one 12 KB document (with fsync)",
         [factcheck, "mark", f"{small_id}:c1", "verified", "--rating", "accurate", "--source",
          "https://example.org/bench", "--workspace", small_copy[1]], args.runs * 3, small_copy[0],
         {"seconds": 0.020}, {}),
        (f"factcheck import, 250 nested articles ({os.path.getsize(nested_page) // 1024} KB of HTML)",
         [factcheck, "import", nested_page, "--no-extract", "--workspace", import_folder], args.runs, empty_import_folder,
         {"seconds": 2, "mib": 200}, {}),
        (f"factcheck import, a {page_mib} MiB page of {chunks * 202:,} tags (claims proposed)",
         [factcheck, "import", tags_page, "--workspace", import_folder], args.runs, empty_import_folder,
         {"seconds": 2, "mib": 200}, {}),
        (f"factcheck import, a {page_mib} MiB paragraph of {sentences:,} sentences (refused by extraction)",
         [factcheck, "import", prose_page, "--workspace", import_folder], args.runs, empty_import_folder,
         {"seconds": 2, "mib": 200}, {"exit": 1}),
        (f"factcheck import --no-extract, the same {page_mib} MiB paragraph",
         [factcheck, "import", prose_page, "--no-extract", "--workspace", import_folder], args.runs, empty_import_folder,
         {"seconds": 2, "mib": 200}, {}),
        (f"factcheck mark, {claims}",
         [factcheck, "mark", "large-report:c1", "verified", "--rating", "accurate", "--source",
          "https://example.org/bench", "--workspace", big_copy[1]], max(3, args.runs // 2), big_copy[0],
         {"seconds": 3.5, "mib": 1024}, {}),
    ]
    if args.only:
        # The xmllint row stays: every ratio is to it.
        rows = [rows[0]] + [row for row in rows[1:] if any(text in row[0] for text in args.only)]
    compare = os.path.abspath(args.compare) if args.compare else None
    if compare:
        # Each factcheck row is followed by the same command on the earlier binary, so both meet
        # the same moment of the shared machine, round after round.
        twinned = []
        for row in rows:
            twinned.append(row)
            name, argv, runs, before, _, extra = row
            if argv[0] == factcheck:
                twinned.append((name + " [baseline]", [compare] + argv[1:], runs, before, None, dict(extra, twin=True)))
        rows = twinned
    try:
        results = measure_interleaved(rows, env=env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    comparison = []
    if compare:
        for index, row in enumerate(rows):
            if row[5].get("twin"):
                ours, theirs = results[index - 1], results[index]
                # The change within each round, where both met the same moment of the machine.
                paired = statistics.median(a / b - 1 for a, b in zip(ours["times"], theirs["times"]))
                comparison.append(
                    f"| {ours['name']} | {ours['median']:.3f} | {theirs['median']:.3f} | "
                    f"{ours['median'] / theirs['median'] - 1:+.1%} | {paired:+.1%} | {ours['peak']:.1f} | {theirs['peak']:.1f} |")
        results = [result for row, result in zip(rows, results) if not row[5].get("twin")]

    baseline = results[0]["median"]
    size = sum(os.path.getsize(path) for path in files) / len(files) / 1024
    lines = [
        "| command | median (s) | ratio to xmllint | peak memory (MiB) | target | met |",
        "|---|---:|---:|---:|---|---|",
    ]
    for result in results:
        ratio = result["median"] / baseline
        target = result["target"] or {}
        wanted, met = [], True
        if "ratio" in target:
            wanted.append(f"≤ {target['ratio']:.2f}×")
            met = met and ratio <= target["ratio"]
        if "seconds" in target:
            wanted.append(f"< {target['seconds'] * 1000:.0f} ms" if target["seconds"] < 1 else f"< {target['seconds']} s")
            met = met and result["median"] < target["seconds"]
        if "mib" in target:
            wanted.append(f"< {target['mib']} MiB")
            met = met and result["peak"] < target["mib"]
        # The targets are for the release build; a debug run (the smoke test) only shows them.
        verdict = ("yes" if met else "**no**") if wanted and args.build == "release" else ""
        lines.append(f"| {result['name']} | {result['median']:.3f} | {ratio:.2f}× | {result['peak']:.1f} | "
                     f"{', '.join(wanted)} | {verdict} |")
    medians = {r["name"]: r["median"] for r in results}
    half_name, all_name = "factcheck validate, half the documents", "factcheck validate, all documents"
    halfway = medians[half_name] / medians[all_name] if half_name in medians and all_name in medians else None
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    libxml = subprocess.run([xmllint, "--version"], capture_output=True, text=True).stderr.splitlines()[0]
    header = [
        f"## Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        "",
        f"{args.build.capitalize()} build, medians of {args.runs} runs (single-document commands: {args.runs * 3}; "
        f"mark on the large document: {max(3, args.runs // 2)}).",
        f"Machine: {os.cpu_count()} cores, {cpu}; {platform.system()} {platform.release()}; {libxml}.",
        f"Binary: {'`' + args.binary + '` (a baseline)' if args.binary else 'this checkout'}"
        f" ({subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True).stdout.strip()}).",
        "Runs are interleaved (a round runs each command once) and timed without a wrapper; peak memory "
        "(the maximum resident set) comes from one more run "
        + ("under GNU time." if TIME else "read with wait4 (an upper bound: it counts the Python process forked)."),
        f"Workspace: {args.documents:,} documents, {size:.1f} KB on average, 10 claims each; one document with "
        f"{args.large_claims:,} claims ({os.path.getsize(big) / 1048576:.1f} MiB).",
    ] + ([f"Scaling: validating half the documents takes {halfway:.2f} of the time of all of them."] if halfway else [])
    report = "\n".join(header) + "\n\n" + "\n".join(lines) + "\n"
    if comparison:
        report += (
            f"\nAgainst `{args.compare}`, each factcheck row timed next to this checkout's in every round, "
            "before it and after it in turn "
            "(change: this checkout's median over the baseline's, less one, negative is faster; paired: the median "
            "of that change within each round):\n\n"
            "| command | this checkout (s) | baseline (s) | change | paired | peak (MiB) | baseline peak (MiB) |\n"
            "|---|---:|---:|---:|---:|---:|---:|\n" + "\n".join(comparison) + "\n")
    print(report)
    if not args.smoke and not args.only:
        # The newest run first; earlier runs are kept below it.
        title = "# Benchmark results\n\nWritten by `make bench` ([`Scripts/bench.py`](../Scripts/bench.py)), newest run first.\n\n"
        path = os.path.join(ROOT, "Benchmarks", "RESULTS.md")
        earlier = ""
        if os.path.exists(path):
            previous = open(path).read()
            start = previous.find("## ")
            earlier = previous[start:] if start >= 0 else ""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as out:
            out.write(title + report + ("\n" + earlier if earlier else ""))


if __name__ == "__main__":
    main()
