#!/usr/bin/env python3
"""A Gaussian simulator (x = theta + 0.1 z) that misbehaves on purpose, for sbi4j's CLI tests.

Usage: bad_simulator.py MODE [AFTER]
MODE: ok | crash (exit 3) | hang (never answer) | garbage (print text, not JSON)
      | rows (answer one row too few) | length (rows one value too short).
The misbehaviour starts after AFTER requests (default 0), counted across restarts in the file
requests.count of the working directory; a file named 'fixed' there turns it off.
"""
import json
import os
import random
import sys
import time


def count():
    n = 0
    if os.path.exists("requests.count"):
        with open("requests.count") as f:
            n = int(f.read() or 0)
    with open("requests.count", "w") as f:
        f.write(str(n + 1))
    return n


def main():
    mode = sys.argv[1]
    after = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        x = [[t + 0.1 * random.Random(s).gauss(0.0, 1.0) for t in theta]
             for theta, s in zip(req["theta"], req["seeds"])]
        bad = mode != "ok" and count() >= after and not os.path.exists("fixed")
        if bad and mode == "crash":
            print("simulated crash", file=sys.stderr)
            sys.exit(3)
        if bad and mode == "hang":
            time.sleep(3600)
        if bad and mode == "garbage":
            print("this is not JSON", flush=True)
            continue
        if bad and mode == "rows":
            x = x[:-1]
        if bad and mode == "length":
            x = [row[:-1] for row in x]
        print(json.dumps({"x": x}), flush=True)


if __name__ == "__main__":
    main()
