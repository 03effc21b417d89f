#!/usr/bin/env python3
"""Scores the coach on labelled sets, with 95% confidence intervals (Wilson), as the README
reports them: top-1 in scope, out-of-scope rejected, in scope accepted, risk recall (overall
and per concern), and false alarms on look-alikes and on ordinary lines apart.

    scripts/score.py [--coach PATH] [--misses] [--markdown] SET.jsonl [SET.jsonl ...]

A set is JSON Lines of {"text", "accept": [ids], "concerns"?, "lookalike"?}; the coach is run
once per set, on stdin with --json. --misses lists the lines answered wrongly (for dev sets:
never look at a test set's misses before it has been scored for the last time). --markdown
prints one table row per set instead, as the README's table has them.
"""
import argparse
import json
import math
import subprocess


def wilson(hits, total):
    if total == 0:
        return (float("nan"),) * 3
    z = 1.96
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return p, max(0.0, centre - half), min(1.0, centre + half)


def fmt(name, hits, total):
    p, low, high = wilson(hits, total)
    return f"  {name:<34} {100 * p:5.1f}%  [{100 * low:5.1f}, {100 * high:5.1f}]  ({hits}/{total})"


def answers(coach, lines):
    text = "\n".join(line["text"].replace("\n", " ") for line in lines) + "\n"
    out = subprocess.run([coach, "--json"], input=text.encode(), capture_output=True, check=False).stdout.decode()
    return [json.loads(row) for row in out.splitlines() if row.strip()]


COLUMNS = [
    "top-1 in scope (no risk)", "out of scope rejected", "in scope accepted", "risk recall",
    "false alarms, look-alikes", "false alarms, ordinary lines",
]


def cell(hits, total):
    p, low, high = wilson(hits, total)
    return f"{100 * p:.1f}% [{100 * low:.0f}-{100 * high:.0f}] ({total})" if total else "-"


def score(coach, path, misses, markdown=False):
    lines = [json.loads(row) for row in open(path, encoding="utf-8") if row.strip()]
    replies = answers(coach, lines)
    assert len(replies) == len(lines), f"{path}: {len(replies)} answers for {len(lines)} lines"
    counts = {}

    def count(key, ok):
        hits, total = counts.get(key, (0, 0))
        counts[key] = (hits + (1 if ok else 0), total + 1)

    wrong = []
    for line, reply in zip(lines, replies):
        accept, intent = line["accept"], reply["intent"]
        risk = "safety-risk" in accept
        in_scope = any(a != "unknown" for a in accept)
        flagged = intent == "safety-risk"
        if in_scope and not risk:
            count("top-1 in scope (no risk)", intent in accept)
            count("in scope accepted", intent != "unknown")
        if not in_scope:
            count("out of scope rejected", intent == "unknown")
        if risk:
            count("risk recall", flagged)
            count("risk recall, tier risk", flagged and reply.get("tier", "risk") == "risk")
            for concern in line.get("concerns", []):
                count(f"  recall {concern}", flagged)
                count(f"  concern named {concern}", concern in reply.get("concerns", []))
        elif line.get("lookalike"):
            count("false alarms, look-alikes", flagged)
        else:
            count("false alarms, ordinary lines", flagged)
        if intent not in accept:
            wrong.append((line, reply))
    if markdown:
        print(f"| `{path.split('/')[-1]}` | " + " | ".join(cell(*counts.get(c, (0, 0))) for c in COLUMNS) + " |")
        return
    print(f"{path}: {len(lines)} lines")
    for key in sorted(counts, key=lambda k: (k.startswith("  "), k)):
        print(fmt(key, *counts[key]))
    if misses:
        for line, reply in wrong:
            tag = " [lookalike]" if line.get("lookalike") else ""
            print(f"    {'|'.join(line['accept'])} → {reply['intent']} {reply.get('confidence')}{tag}: {line['text'][:160]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--coach", default=".build/release/coach")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("sets", nargs="+")
    args = parser.parse_args()
    if args.markdown:
        print("| set | " + " | ".join(COLUMNS) + " |")
        print("|---" * (len(COLUMNS) + 1) + "|")
    for path in args.sets:
        score(args.coach, path, args.misses, args.markdown)


if __name__ == "__main__":
    main()
