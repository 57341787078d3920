#!/usr/bin/env python3
"""Print the "Shipped decks" section of content/README.md from the decks.

    python3 tests/tools/content-map.py            # print the section
    python3 tests/tools/content-map.py --write    # replace it in content/README.md

The section gives the cards by deck and kind, and for each question-list id
(Q01..Q44) the question cards that cover it: the opening question first, then
its follow-ups. Keep it in step after editing a deck.
"""
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KINDS = ["concept", "question", "flashcard", "choice", "prediction"]
BEGIN = "<!-- content-map: begin (tests/tools/content-map.py --write) -->"
END = "<!-- content-map: end -->"


def load():
    decks = []
    for path in sorted(glob.glob(os.path.join(ROOT, "content", "*.json"))):
        if os.path.basename(path) == "schema.json":
            continue
        with open(path, encoding="utf-8") as f:
            decks.append((os.path.basename(path), json.load(f)))
    return decks


def section(decks):
    out = [BEGIN, "", "## Shipped decks", ""]
    out.append("| file | deck | " + " | ".join(KINDS) + " | all |")
    out.append("|---|---|" + "---|" * (len(KINDS) + 1))
    total = {k: 0 for k in KINDS}
    for name, d in decks:
        n = {k: 0 for k in KINDS}
        for c in d["cards"]:
            n[c["kind"]] += 1
            total[c["kind"]] += 1
        out.append("| `%s` | `%s` | %s | %d |" % (
            name, d["deck"], " | ".join(str(n[k]) for k in KINDS), sum(n.values())))
    out.append("| | **all** | %s | **%d** |" % (
        " | ".join("**%d**" % total[k] for k in KINDS), sum(total.values())))
    out += ["", "### Question ids and the cards that cover them", "",
            "Each id from `QUESTIONS.md`, the question cards that list it in `covers`",
            "(the opening question first, then its follow-ups), and the other cards",
            "that cover it.", "",
            "| id | question cards | other cards |", "|---|---|---|"]
    by_q = {}
    for _, d in decks:
        for c in d["cards"]:
            for q in c.get("covers", []):
                by_q.setdefault(q, []).append(c)
    for q in sorted(by_q):
        qs = [c["id"] for c in by_q[q] if c["kind"] == "question"]
        qs.sort(key=lambda i: (i != q.lower(), i))
        other = sorted(c["id"] for c in by_q[q] if c["kind"] != "question")
        fmt = lambda ids: ", ".join("`%s`" % i for i in ids) if ids else "—"
        out.append("| %s | %s | %s |" % (q, fmt(qs), fmt(other)))
    out += ["", END]
    return "\n".join(out) + "\n"


def main():
    text = section(load())
    if "--write" not in sys.argv:
        sys.stdout.write(text)
        return
    path = os.path.join(ROOT, "content", "README.md")
    with open(path, encoding="utf-8") as f:
        readme = f.read()
    if BEGIN in readme:
        head = readme[:readme.index(BEGIN)]
        tail = readme[readme.index(END) + len(END):].lstrip("\n")
        readme = head + text + ("\n" + tail if tail else "")
    else:
        readme = readme.rstrip("\n") + "\n\n" + text
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(readme)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
