#!/usr/bin/env python3
"""Robustness: how much top-1 and risk recall each perturbation of a labelled set costs.

    scripts/perturb.py [--coach PATH] [--seed N] SET.jsonl

Each line of the set is copied five ways, as issue 13 names them: one or two realistic typos
(a dropped, doubled or swapped letter, or a neighbouring key, in a word of three letters or
more), ALL CAPS, a chatty prefix and suffix, the line inside a paragraph of about 60 words of
neutral session detail, and he/she (his/her, him/her) swapped. Every copy keeps its labels.
The coach is run on the original and on each copy (scripts/score.py's reading), and the table
gives each copy's top-1 in scope (no risk), risk recall, and their change from the original.
The perturbations are drawn from a fixed seed, so two runs give the same copies.
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import answers  # noqa: E402

KEYS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
PREFIXES = ["ok so quick question -", "sorry if this is a dumb q but", "hey, need a sanity check:", "so this happened today.",
            "long day. anyway,", "hi! wondering about something -"]
SUFFIXES = ["any ideas? thanks", "what would you do?", "thoughts appreciated", "thanks in advance!!", "help lol",
            "not sure how to handle it"]
FILLER = [
    "We met in the small room on the second floor because the usual one was booked.",
    "It was raining and the waiting room was busy with a school group.",
    "We spent the first part going over the calendar for the next month and the paperwork.",
    "The intake form from last spring mentions two siblings and a move across town.",
    "I had coffee beforehand and read my notes from the previous meeting.",
    "Toward the end we talked about the schedule for the holidays and parking at the new office.",
    "The referral came through the front desk and the file is still missing one page.",
    "I am writing this up between appointments so it may be a bit scattered.",
]
SWAPS = {"he": "she", "she": "he", "his": "her", "her": "his", "him": "her", "himself": "herself", "herself": "himself",
         "hes": "shes", "shes": "hes", "he's": "she's", "she's": "he's", "man": "woman", "woman": "man"}


def neighbour(ch, rng):
    for row in KEYS:
        i = row.find(ch)
        if i >= 0:
            options = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            return rng.choice(options)
    return ch


def typo(word, rng):
    i = rng.randrange(1, len(word))
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2 and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + neighbour(word[i], rng) + word[i + 1:]


def typos(text, rng):
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if re.fullmatch(r"[A-Za-z]{3,}", w)]
    for i in rng.sample(candidates, min(len(candidates), rng.choice([1, 2]))):
        words[i] = typo(words[i], rng)
    return " ".join(words)


def paragraph(text, rng):
    before, after, words = [], [], 0
    filler = FILLER[:]
    rng.shuffle(filler)
    for sentence in filler:
        (before if len(before) <= len(after) else after).append(sentence)
        words += len(sentence.split())
        if words >= 60:
            break
    return " ".join(before + [text] + after)


def swap(text):
    def one(m):
        w = m.group(0)
        out = SWAPS.get(w.lower(), w)
        return out.capitalize() if w[0].isupper() else out
    return re.sub(r"[A-Za-z']+", one, text)


PERTURBATIONS = {
    "typos": typos,
    "caps": lambda text, rng: text.upper(),
    "wrapped": lambda text, rng: f"{rng.choice(PREFIXES)} {text} {rng.choice(SUFFIXES)}",
    "paragraph": paragraph,
    "he/she": lambda text, rng: swap(text),
}


def figures(coach, lines):
    got = answers(coach, lines)
    scope = [(l, a) for l, a in zip(lines, got) if "unknown" not in l["accept"] and "safety-risk" not in l["accept"]]
    risk = [(l, a) for l, a in zip(lines, got) if "safety-risk" in l["accept"]]
    top1 = sum(a.get("intent") in l["accept"] for l, a in scope) / max(len(scope), 1)
    recall = sum(a.get("intent") == "safety-risk" for _, a in risk) / max(len(risk), 1)
    return top1, recall, len(scope), len(risk)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--coach", default=".build/release/coach")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("set")
    args = parser.parse_args()
    lines = [json.loads(l) for l in open(args.set) if l.strip()]
    base = figures(args.coach, lines)
    print(f"{args.set}: {base[2]} lines in scope, {base[3]} risk lines")
    print(f"| copy | top-1 in scope | change | risk recall | change |\n|---|---|---|---|---|")
    print(f"| original | {100 * base[0]:.1f}% | | {100 * base[1]:.1f}% | |")
    for name, perturb in PERTURBATIONS.items():
        rng = random.Random(args.seed)
        copies = [dict(l, text=perturb(l["text"], rng)) for l in lines]
        top1, recall, _, _ = figures(args.coach, copies)
        print(f"| {name} | {100 * top1:.1f}% | {100 * (top1 - base[0]):+.1f} | {100 * recall:.1f}% | {100 * (recall - base[1]):+.1f} |")


if __name__ == "__main__":
    main()
