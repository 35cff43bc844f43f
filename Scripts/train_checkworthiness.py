#!/usr/bin/env python3
"""Train the check-worthiness model on the dev split and write its weights as a data file.

    python3 Scripts/train_checkworthiness.py ../shared/checkworthy-dev/dev.tsv \
        [--binary .build/release/factcheck] [--write Models/checkworthiness.tsv]

The weights file has one `name<TAB>weight` line per feature (and the bias and base rate), so a
retrained model shows in a diff as the lines whose weights moved; the build embeds it in the binary.

The features come from the tool itself (`factcheck score --features`), so training and scoring
can never disagree on what a feature is. The model is an L2-regularized logistic regression; the
word features kept are the ones most weighted inside each training fold. It reports MAP with
leave-one-document-out cross-validation (each transcript scored by a model that never saw it),
the honest estimate, and writes the model fitted on all of the split. Needs numpy and scipy.
"""
import argparse
import subprocess
import sys
from collections import defaultdict

import numpy as np
from scipy.optimize import minimize


def read_gold(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        ix = {c: i for i, c in enumerate(header)}
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            rows.append((parts[ix["id"]], parts[ix["sentence"]], int(parts[ix["label"]]), parts[ix["doc_id"]]))
    return rows


def features(binary, rows):
    text = "".join(f"{sid}\t{sentence}\n" for sid, sentence, _, _ in rows)
    out = subprocess.run([binary, "score", "--features"], input=text, capture_output=True, text=True, check=True).stdout
    result = []
    for line in out.splitlines():
        parts = line.split("\t")
        values = {}
        if len(parts) > 2 and parts[2]:
            for item in parts[2].split(" "):
                name, value = item.rsplit("=", 1)
                values[name] = float(value)
        result.append(values)
    return result


def average_precision(scores, labels):
    order = np.argsort(-scores, kind="stable")
    hits, total = 0, 0.0
    for rank, index in enumerate(order, start=1):
        if labels[index]:
            hits += 1
            total += hits / rank
    positives = labels.sum()
    return total / positives if positives else 0.0


def fit(matrix, labels, l2):
    n, d = matrix.shape

    def loss(w):
        z = matrix @ w[1:] + w[0]
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        value = -np.sum(labels * np.log(p + eps) + (1 - labels) * np.log(1 - p + eps)) + l2 * np.sum(w[1:] ** 2)
        grad_z = p - labels
        grad = np.concatenate([[grad_z.sum()], matrix.T @ grad_z + 2 * l2 * w[1:]])
        return value, grad

    result = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return result.x


def design(feature_rows, names):
    index = {name: i for i, name in enumerate(names)}
    matrix = np.zeros((len(feature_rows), len(names)))
    for row, values in enumerate(feature_rows):
        for name, value in values.items():
            if name in index:
                matrix[row, index[name]] = value
    return matrix


def train(feature_rows, labels, l2, words_kept, min_count):
    counts = defaultdict(int)
    for values in feature_rows:
        for name in values:
            counts[name] += 1
    candidates = sorted(name for name, count in counts.items() if count >= min_count)
    weights = fit(design(feature_rows, candidates), labels, l2)
    cues = [n for n in candidates if not n.startswith("word.")]
    words = sorted((n for n in candidates if n.startswith("word.")),
                   key=lambda n: -abs(weights[1 + candidates.index(n)]))[:words_kept]
    names = sorted(cues + words)
    weights = fit(design(feature_rows, names), labels, l2)
    return names, weights


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("gold")
    parser.add_argument("--binary", default=".build/release/factcheck")
    parser.add_argument("--write")
    parser.add_argument("--l2", type=float, default=5.0)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--min-count", type=int, default=5)
    args = parser.parse_args()

    rows = read_gold(args.gold)
    feature_rows = features(args.binary, rows)
    labels = np.array([label for _, _, label, _ in rows], dtype=float)
    documents = sorted({doc for *_, doc in rows})

    ap = []
    for held_out in documents:
        train_ix = [i for i, r in enumerate(rows) if r[3] != held_out]
        test_ix = [i for i, r in enumerate(rows) if r[3] == held_out]
        names, weights = train([feature_rows[i] for i in train_ix], labels[train_ix], args.l2, args.words, args.min_count)
        scores = design([feature_rows[i] for i in test_ix], names) @ weights[1:] + weights[0]
        ap.append(average_precision(scores, labels[test_ix]))
    print(f"leave-one-document-out MAP: {np.mean(ap):.4f} over {len(documents)} documents", file=sys.stderr)

    names, weights = train(feature_rows, labels, args.l2, args.words, args.min_count)
    print(f"final model: bias {weights[0]:.3f}, {len(names)} features", file=sys.stderr)
    if args.write:
        rate = labels.mean()
        with open(args.write, "w", encoding="utf-8") as out:
            out.write("# The check-worthiness model's weights: log-odds per unit of each named feature, one a line.\n")
            out.write("# Written by Scripts/train_checkworthiness.py from the check-worthiness dev split\n")
            out.write(f"# (--l2 {args.l2} --words {args.words} --min-count {args.min_count}); the split's base rate "
                      f"of check-worthy sentences is {int(labels.sum())} of {len(labels)}.\n")
            out.write("# Do not edit by hand: change the features or the script and train again.\n")
            out.write(f"(bias)\t{weights[0]:.4f}\n")
            out.write(f"(base-rate-logit)\t{np.log(rate / (1 - rate)):.4f}\n")
            for name, weight in zip(names, weights[1:]):
                if abs(weight) >= 0.0005:
                    out.write(f"{name}\t{weight:.4f}\n")

if __name__ == "__main__":
    main()
