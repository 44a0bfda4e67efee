#!/usr/bin/env python3
"""Reads one captured screen of `tlssim ui` (the step view) and checks that nothing on it
was cut: every ladder label is a whole title of the run (taken from `tlssim run --json`,
or one of the ladder's documented short forms), the narration holds the current event's
whole explanation, the header and footer end where they should. Prints what is wrong and
exits 1; exits 0 when the screen is whole.

usage: tui_screen_check.py SCREENS_FILE RUN_JSON_FILE
SCREENS_FILE holds one screen or several, each ended by a line with a form feed alone.
"""
import json
import re
import sys
import unicodedata

CUT = "\u2026"
ATTACKER_PREFIXES = ["man in the middle: ", "attacker: ", "attacker ", "eavesdropper: ",
                     "eavesdropper ", "the attacker "]
MARKS = "✓✗◆·!⚡"


def ws(s):
    return " ".join(s.split())


def columns(line, n):
    """The first n terminal columns of a captured line (wide characters take two)."""
    out, used = "", 0
    for ch in line:
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if used + w > n:
            break
        out += ch
        used += w
    return out


def width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def allowed_labels(events):
    """Every form a ladder row may show a title in."""
    ok = set()
    for e in events:
        t = e["title"]
        forms = [t]
        m = re.match(r"certificate check: (.*?) \(depth (\d+)\)$", t)
        if m:
            forms.append(f"[{m.group(2)}] {m.group(1)}")
        if e["actor"] == "attacker":
            s = t
            for p in ATTACKER_PREFIXES:
                if s.startswith(p):
                    s = s[len(p):]
            forms.append(s)
            if s.startswith("fault injected: "):
                forms.append("fault: " + s[len("fault injected: "):])
        for f in list(forms):
            # "premaster secret (Diffie-Hellman)" -> "premaster secret" when too long
            m = re.match(r"(.*\S) \([^()]*\)$", f)
            if m:
                forms.append(m.group(1))
        ok.update(forms)
    return ok


def fold_forms(events):
    """The folded rows this run can show: per group of certificate checks."""
    forms = set()
    i = 0
    while i < len(events):
        e = events[i]
        if e["kind"] == "verify" and e["title"].startswith("certificate check:"):
            j = i
            while (j < len(events) and events[j]["kind"] == "verify" and
                   events[j]["title"].startswith("certificate check:") and
                   events[j]["actor"] == e["actor"]):
                j += 1
            n = j - i
            bad = sum(1 for k in range(i, j) if not events[k].get("ok"))
            forms.add(f"certificate chain: {bad}/{n} fail ✗" if bad
                      else f"certificate chain: {n} checks ✓")
            i = j
        else:
            i += 1
    return forms


def main():
    run = json.load(open(sys.argv[2], encoding="utf-8"))
    events = run["events"]
    labels = allowed_labels(events)
    folds = fold_forms(events)
    bad = 0
    for text in open(sys.argv[1], encoding="utf-8").read().split("\f\n"):
        if not text.strip():
            continue
        screen = text.rstrip("\n").split("\n")
        problems = check(screen, events, labels, folds)
        if problems:
            bad += 1
            print("\n".join(problems))
            print("\n".join("      " + l for l in screen))
    sys.exit(1 if bad else 0)


def check(screen, events, labels, folds):
    problems = []

    # The header: the scenario line whole, the step counter at the end of the second.
    m = re.search(r"step (\d+)/(\d+)\s*$", screen[1])
    if not m:
        problems.append(f"header: no step counter at the end of {screen[1]!r}")
        step = None
    else:
        step = int(m.group(1)) - 1
        if int(m.group(2)) != len(events):
            problems.append(f"header: {m.group(2)} steps, the run has {len(events)}")
    if "seed" not in screen[0] or CUT in screen[0]:
        problems.append(f"header: scenario line cut: {screen[0]!r}")
    # A cut hex value ends in the mark; a cut word would run into the step counter.
    # (hex values end in the mark on purpose: "818b3773f8…")
    if re.search(r"[A-Za-z]step \d", screen[1]) or re.search(r"[a-z]*[g-z][a-z]*" + CUT, screen[1]):
        problems.append(f"header: second line cut: {screen[1]!r}")
    # The footer: the keys whole, "q quit" last.
    if not screen[-1].rstrip().endswith("? keys  q quit"):
        problems.append(f"footer: {screen[-1]!r}")

    # The ladder: the box that starts with "┌─ handshake".
    top = next((y for y, l in enumerate(screen) if l.startswith("┌─ handshake")), None)
    if top is None:
        problems.append("no ladder on the screen")
    else:
        lw = width(screen[top][:screen[top].index("┐") + 1])
        bottom = next(y for y in range(top + 1, len(screen)) if screen[y].startswith("└"))
        for y in range(top + 2, bottom):
            row = columns(screen[y], lw)
            inner = row[1:-1].strip()
            if not inner:
                continue
            if CUT in inner or inner.endswith("~"):
                problems.append(f"ladder row {y} cut: {inner!r}")
                continue
            body = inner.strip("│║").strip()
            if not body:
                continue
            if re.search(r"[─┄]", body):  # an arrow: its label between the shafts
                label = ws(re.sub(r"[─┄▶◀]", " ", body))
                if label in labels or re.fullmatch(r"record \d+ B( \(enc\))?", label):
                    continue
                problems.append(f"ladder row {y}: arrow label {label!r} is no whole title")
                continue
            if ws(body) in folds:
                continue
            label = ws(body.replace("┆", " ").strip(MARKS + " "))
            if label in labels:
                continue
            problems.append(f"ladder row {y}: {label!r} is no whole title of the run")
        # The narration: between the panes and the footer; the current step's whole text.
        narration = ws(" ".join(screen[bottom + 1:-1]))
        if CUT in narration:
            problems.append(f"narration cut: {narration!r}")
        if step is not None and 0 <= step < len(events):
            e = events[step]
            want = e.get("explain") or ""
            if e["kind"] == "verify" and not e.get("ok"):
                want = e.get("reason") or ""
            folded = any(f in " ".join(screen[top:bottom]) for f in folds) and \
                e["kind"] == "verify" and e["title"].startswith("certificate check:")
            # The narration makes the text a sentence (its first letter's case) and
            # cuts hex runs past 16 digits to 8 and "..." (ui/narrate.c).
            # An alert's narration words its explanation for the sender ("it has
            # nothing more to send"); tests/integration/narration_tmux.sh reads those whole.
            if e["kind"] == "alert":
                want = ""
            if want and not folded and said(want) not in said(narration):
                problems.append(f"narration of step {step + 1} not whole: want {ws(want)!r}, "
                                f"shown {narration!r}")
    return problems


def said(text):
    """text as narration says it: case aside, long hex runs shortened."""
    text = re.sub(r"(?<![0-9A-Za-z])([0-9a-fA-F]{8})[0-9a-fA-F]{9,}(?![0-9A-Za-z])", r"\1...",
                  ws(text))
    return text.lower().rstrip(".")


if __name__ == "__main__":
    main()
