#!/usr/bin/env python3
"""Summarise PIT mutations.xml reports: totals and per class (most survivors and uncovered first).

usage: scripts/pit-summary.py before.xml [after-subset.xml ...] [--survivors CLASS_SUBSTRING]

With several reports, a class's mutants are taken from the LAST report that has the class, so
a re-run on a subset of classes replaces those classes and keeps the rest of the first report
(how docs/reliability.md combines a whole-package "before" run with "after" re-runs of the
classes that gained tests; adding tests can only kill more mutants, so a class that was not
re-run keeps its "before" figures as a lower bound).

A mutations.xml cut short (a run stopped at a time limit) is read up to its last complete
mutation; PIT writes the file as mutation units finish, so a class in it may be incomplete
only if it is the one that was running.

Score = killed / mutants (PIT's "mutation score"), where killed counts KILLED, TIMED_OUT and
MEMORY_ERROR, as PIT does; test strength = killed / (mutants - no coverage).
"""
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

KILLED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR"}


def read(path):
    text = open(path, encoding="utf-8").read()
    if "</mutations>" not in text:
        end = text.rfind("</mutation>")
        text = (text[:end + len("</mutation>")] if end >= 0 else "<mutations>") + "\n</mutations>\n"
    rows = []
    for m in ET.fromstring(text).iter("mutation"):
        rows.append({
            "status": m.get("status"),
            "cls": m.findtext("mutatedClass").split("$")[0],
            "method": m.findtext("mutatedMethod"),
            "line": m.findtext("lineNumber"),
            "mutator": m.findtext("mutator").rsplit(".", 1)[-1],
            "desc": m.findtext("description"),
        })
    return rows


def main():
    args = sys.argv[1:]
    show = None
    if "--survivors" in args:
        i = args.index("--survivors")
        show = args[i + 1]
        args = args[:i] + args[i + 2:]
    by_class = {}
    for path in args:
        fresh = defaultdict(list)
        for r in read(path):
            fresh[r["cls"]].append(r)
        by_class.update(fresh)
    rows = [r for rs in by_class.values() for r in rs]
    per = defaultdict(lambda: defaultdict(int))
    for r in rows:
        per[r["cls"]][r["status"]] += 1
        per["TOTAL"][r["status"]] += 1

    def line(name, c):
        n = sum(c.values())
        killed = sum(c[s] for s in KILLED)
        nocov = c["NO_COVERAGE"]
        score = 100.0 * killed / n if n else 0
        strength = 100.0 * killed / (n - nocov) if n - nocov else 0
        return (f"{name:45s} {n:5d} {killed:5d} {c['TIMED_OUT']:4d} {c['SURVIVED']:5d} {nocov:5d} "
                f"{c['RUN_ERROR']:4d} {score:6.1f} {strength:6.1f}")

    print(f"{'class':45s} {'mut':>5s} {'kill':>5s} {'tout':>4s} {'surv':>5s} {'nocov':>5s} "
          f"{'err':>4s} {'score':>6s} {'str':>6s}")
    order = sorted((k for k in per if k != "TOTAL"),
                   key=lambda k: -(per[k]["SURVIVED"] + per[k]["NO_COVERAGE"]))
    for k in order:
        print(line(k.replace("org.sbi4j.", ""), per[k]))
    print(line("TOTAL", per["TOTAL"]))
    if show:
        for r in rows:
            if show in r["cls"] and r["status"] in ("SURVIVED", "NO_COVERAGE"):
                print(f"{r['status']:11s} {r['cls'].rsplit('.', 1)[-1]}.{r['method']}:{r['line']} "
                      f"{r['mutator']}: {r['desc']}")


if __name__ == "__main__":
    main()
