#!/usr/bin/env python3
"""A Gaussian simulator (x = theta + 0.1 z) with transient faults, for sbi4j's retry soak test.

Usage: flaky_simulator.py RATE FAULT_SEED
Each request (batch) misbehaves with probability RATE, independently of theta: a third of the
faults crash the process (exit 3), a third hang (never answer), a third print a line that is
not JSON. The draw is pseudo-random in (FAULT_SEED, first simulation index of the batch,
attempt), where the attempt number of a batch is counted across processes in the file
attempts/<first index> of the working directory, so a re-sent batch draws afresh and the whole
fault pattern is reproducible. Every fault is appended to faults.log ("index attempt cause").
"""
import json
import os
import random
import sys
import time


def attempt(first):
    os.makedirs("attempts", exist_ok=True)
    path = os.path.join("attempts", str(first))
    n = 0
    if os.path.exists(path):
        with open(path) as f:
            n = int(f.read() or 0)
    with open(path, "w") as f:
        f.write(str(n + 1))
    return n


def log(first, k, cause):
    with open("faults.log", "a") as f:
        f.write("%d %d %s\n" % (first, k, cause))


def main():
    rate = float(sys.argv[1])
    seed = sys.argv[2]
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        x = [[t + 0.1 * random.Random(s).gauss(0.0, 1.0) for t in theta]
             for theta, s in zip(req["theta"], req["seeds"])]
        first = req["indices"][0]
        k = attempt(first)
        u = random.Random("%s:%d:%d" % (seed, first, k)).random()
        if u < rate / 3:
            log(first, k, "crash")
            print("simulated node loss", file=sys.stderr, flush=True)
            sys.exit(3)
        if u < 2 * rate / 3:
            log(first, k, "timeout")
            time.sleep(3600)
        if u < rate:
            log(first, k, "garbage")
            print("licence server unreachable, retrying", flush=True)
            continue
        print(json.dumps({"x": x}), flush=True)


if __name__ == "__main__":
    main()
