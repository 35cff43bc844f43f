#!/usr/bin/env python3
"""MAP@5, the CLEF 2020 CheckThat! Task 2 measure, of a `factcheck match` run.

Usage: map_at_5.py QRELS RUN. QRELS: query_id<TAB>0<TAB>vclaim_id<TAB>1 lines; RUN: the
query_id<TAB>0<TAB>vclaim_id<TAB>rank<TAB>score lines `factcheck match` writes. For each query,
precision is averaged at each relevant check in the top five and divided by min(relevant, 5);
the mean over the queries of QRELS (a query with no ranking scores 0) is printed, with recall at 1
and at 5.
"""
import collections
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    relevant = collections.defaultdict(set)
    with open(sys.argv[1]) as qrels:
        for line in qrels:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4 and fields[3].strip() not in ("", "0"):
                relevant[fields[0]].add(fields[2])
    ranked = collections.defaultdict(list)
    with open(sys.argv[2]) as run:
        for line in run:
            query, _, check, rank, _score = line.rstrip("\n").split("\t")
            ranked[query].append((int(rank), check))
    total = at1 = at5 = 0.0
    for query, answers in relevant.items():
        top = [check for _, check in sorted(ranked.get(query, []))[:5]]
        hits = precision = 0.0
        for position, check in enumerate(top, 1):
            if check in answers:
                hits += 1
                precision += hits / position
        total += precision / min(len(answers), 5)
        at1 += 1 if top[:1] and top[0] in answers else 0
        at5 += 1 if any(check in answers for check in top) else 0
    count = len(relevant)
    print(f"MAP@5 {total / count:.4f}  recall@1 {at1 / count:.4f}  recall@5 {at5 / count:.4f}  ({count} queries)")


if __name__ == "__main__":
    main()
