#!/usr/bin/env python3
"""Summarise a PIT mutations.xml: totals and per class (most survivors first).

usage: scripts/pit-summary.py path/to/mutations.xml [--survivors CLASS_SUBSTRING]

A mutations.xml cut short (a run stopped at a time limit) is read up to its last complete
mutation; PIT writes the file as classes finish, so the classes in it are complete except
possibly the last one.

Score = killed / mutants (PIT's "mutation coverage"), where killed counts KILLED and
TIMED_OUT (and MEMORY_ERROR), as PIT does; test strength = killed / (mutants - no coverage).
"""
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

KILLED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR"}


def main():
    path = sys.argv[1]
    show = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--survivors" else None
    rows = []
    text = open(path, encoding="utf-8").read()
    if "</mutations>" not in text:
        # a run stopped early: PIT writes mutations.xml class by class, keep the finished ones
        text = text[:text.rfind("</mutation>") + len("</mutation>")] + "\n</mutations>\n"
    for m in ET.fromstring(text).iter("mutation"):
        rows.append({
            "status": m.get("status"),
            "cls": m.findtext("mutatedClass").split("$")[0],
            "method": m.findtext("mutatedMethod"),
            "line": m.findtext("lineNumber"),
            "mutator": m.findtext("mutator").rsplit(".", 1)[-1],
            "desc": m.findtext("description"),
        })
    per = defaultdict(lambda: defaultdict(int))
    for r in rows:
        per[r["cls"]][r["status"]] += 1
        per["TOTAL"][r["status"]] += 1

    def line(name, c):
        n = sum(c.values())
        killed = sum(c[s] for s in KILLED)
        nocov = c["NO_COVERAGE"]
        surv = c["SURVIVED"]
        score = 100.0 * killed / n if n else 0
        strength = 100.0 * killed / (n - nocov) if n - nocov else 0
        return (f"{name:60s} {n:5d} {killed:5d} {c['TIMED_OUT']:4d} {surv:5d} {nocov:5d} "
                f"{c['RUN_ERROR']:4d} {score:6.1f} {strength:6.1f}")

    print(f"{'class':60s} {'mut':>5s} {'kill':>5s} {'tout':>4s} {'surv':>5s} {'nocov':>5s} "
          f"{'err':>4s} {'score':>6s} {'str':>6s}")
    order = sorted((k for k in per if k != "TOTAL"),
                   key=lambda k: -(per[k]["SURVIVED"] + per[k]["NO_COVERAGE"]))
    for k in order:
        print(line(k.replace("org.sbi4j.", ""), per[k]))
    print(line("TOTAL", per["TOTAL"]))
    if show:
        for r in rows:
            if show in r["cls"] and r["status"] in ("SURVIVED", "NO_COVERAGE"):
                print(f"{r['status']:11s} {r['cls'].rsplit('.',1)[-1]}.{r['method']}:{r['line']} "
                      f"{r['mutator']}: {r['desc']}")


if __name__ == "__main__":
    main()
