#!/usr/bin/env python3
"""Copies a writer's JSON Lines file into the project, in one of two shapes.

    scripts/import-writer.py examples WRITER.jsonl Knowledge/examples.NAME.jsonl
    scripts/import-writer.py set WRITER.jsonl Tests/Evaluation/NAME.jsonl

A writer's line is {"text", "intent", "concerns"?, "lookalike"?, "also"?}. `examples` keeps it as
it is (the coach reads text and intent; the rest says what the line is); `set` writes the
labelled-set shape `coach eval` reads: {"text", "accept": [intent, also...], ...}.
Lines are checked: valid JSON, a text, an intent, risk lines with concerns. For `examples`, a
line that equals (after folding case and punctuation) a line of any labelled set under Tests/
is dropped, so no test line is also a training example.
"""
import glob
import json
import os
import re
import sys

CONCERNS = {"suicide", "self-harm", "harm-to-others", "child-abuse", "elder-abuse", "partner-violence", "medical", "psychosis"}


def key(text):
    """A line folded as the coach's tests compare them: lower case, words only, no apostrophes."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))).replace("'", "")


def test_lines():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests")
    keys = set()
    for path in glob.glob(os.path.join(root, "*", "*.jsonl")):
        for raw in open(path, encoding="utf-8"):
            if raw.strip():
                keys.add(key(json.loads(raw)["text"]))
    return keys


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("examples", "set"):
        sys.exit(__doc__)
    shape, source, target = sys.argv[1:]
    out = []
    seen = set()
    held_out = test_lines() if shape == "examples" else set()
    for number, raw in enumerate(open(source, encoding="utf-8"), 1):
        raw = raw.strip()
        if not raw:
            continue
        line = json.loads(raw)
        text, intent = line.get("text", "").strip(), line.get("intent", "").strip()
        if not text or not intent:
            sys.exit(f"{source}:{number}: error: a line needs a text and an intent")
        if intent == "safety-risk" and not set(line.get("concerns", [])) <= CONCERNS:
            sys.exit(f"{source}:{number}: error: unknown concern in {line.get('concerns')}")
        if text.lower() in seen or key(text) in held_out:
            continue
        seen.add(text.lower())
        if shape == "examples":
            kept = {"text": text, "intent": intent}
        else:
            kept = {"text": text, "accept": [intent] + [a for a in line.get("also", []) if a != intent]}
        for field in ("concerns", "lookalike"):
            if field in line:
                kept[field] = line[field]
        out.append(json.dumps(kept, ensure_ascii=False))
    with open(target, "w", encoding="utf-8") as file:
        file.write("\n".join(out) + "\n")
    print(f"{target}: {len(out)} lines")


if __name__ == "__main__":
    main()
