#!/usr/bin/env python3
"""Checks Web Annotation JSON-LD against the W3C web-annotation-tests suite, offline.

    python3 Scripts/check_web_annotation.py SUITE FILE...

SUITE is a copy of w3c/web-annotation-tests (its annotations/, collections/ and definitions/
folders). FILE is what `factcheck export --format web-annotation` writes: an AnnotationCollection
(each annotation of its first page is checked, and the collection and page too), or with
`--jsonl` one annotation a line. Every assertion of the suite's .test files is applied with
jsonschema (draft 4), its $refs resolved inside SUITE. A failed MUST is an error; SHOULDs are
reported. Prints one line per failed assertion and a closing count; exits 1 if any MUST failed,
2 on unusable input. Needs jsonschema.
"""
import glob
import json
import os
import sys

import jsonschema


def load_suite(root):
    """Every schema of the suite by its id and by its file name, and the assertions of each kind."""
    store = {}
    for path in glob.glob(os.path.join(root, "**", "*.json"), recursive=True):
        with open(path, encoding="utf-8") as fh:
            schema = json.load(fh)
        for key in {schema.get("id"), os.path.basename(path)} - {None}:
            store[key] = schema
    tests = {}
    for path in glob.glob(os.path.join(root, "**", "*.test"), recursive=True):
        with open(path, encoding="utf-8") as fh:
            test = json.load(fh)
        kind = os.path.relpath(path, root).split(os.sep)
        scope = "page" if "pages" in kind else "collection" if kind[0] == "collections" else "annotation"
        tests.setdefault(scope, []).extend(test["assertions"])
    return store, tests


def check(instance, assertions, root, store):
    """(assertion id, type, passed, message) for each assertion applied to instance."""
    results = []
    for reference in sorted(set(assertions)):
        with open(os.path.join(root, reference), encoding="utf-8") as fh:
            schema = json.load(fh)
        resolver = jsonschema.RefResolver(base_uri=schema.get("id", ""), referrer=schema, store=store)
        validator = jsonschema.Draft4Validator(schema, resolver=resolver)
        passed = validator.is_valid(instance) == (schema.get("expectedResult", "valid") == "valid")
        results.append((reference, schema.get("assertionType", "must"), passed, schema.get("errorMessage", "")))
    return results


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: check_web_annotation.py SUITE FILE...")
    root = sys.argv[1]
    store, tests = load_suite(root)
    if not tests.get("annotation"):
        print(f"{root}: no .test files of the W3C suite", file=sys.stderr)
        return 2
    checked = 0
    failures = {}  # (type, scope, assertion, message) -> names of what failed it
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            try:
                documents = [json.loads(text)]
            except ValueError:
                # JSON Lines: one annotation a line.
                documents = [json.loads(line) for line in text.splitlines() if line.strip()]
        except (OSError, ValueError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            return 2
        subjects = []
        for document in documents:
            if document.get("type") == "AnnotationCollection":
                context = document.get("@context")
                subjects.append(("collection", document.get("id"), document))
                page = document.get("first", {})
                subjects.append(("page", page.get("id"), dict(page, **{"@context": context})))
                # An annotation inside a collection takes the collection's @context.
                subjects += [("annotation", item.get("id"), dict(item, **{"@context": context})) for item in page.get("items", [])]
            else:
                subjects.append(("annotation", document.get("id"), document))
        for scope, name, instance in subjects:
            checked += 1
            for reference, assertion_type, passed, message in check(instance, tests.get(scope, []), root, store):
                if not passed and assertion_type in ("must", "should"):
                    failures.setdefault((assertion_type, scope, reference, message), []).append(f"{path}: {name}")
    musts = shoulds = 0
    for (assertion_type, scope, reference, message), names in sorted(failures.items()):
        if assertion_type == "must":
            musts += 1
        else:
            shoulds += 1
        print(f"{assertion_type.upper()} {reference} ({scope}, {len(names)} failed): {message}")
        if assertion_type == "must":
            for name in names:
                print(f"  {name}")
    print(f"{checked} checked: {musts} MUST assertions failed, {shoulds} SHOULD assertions failed")
    return 1 if musts else 0


if __name__ == "__main__":
    sys.exit(main())
