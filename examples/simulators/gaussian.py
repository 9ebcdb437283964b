#!/usr/bin/env python3
"""A Gaussian simulator for sbi4j's external-simulator protocol (standard library only).

x = theta + sd * z with z ~ N(0, I), so x has as many values as theta (x_dim = theta_dim).
Usage: python3 gaussian.py [SD]   (SD defaults to 0.1)

Protocol (docs/external-simulators.md): read one JSON line per batch from stdin,
  {"indices": [...], "seeds": [...], "theta": [[...], ...]}
answer one JSON line on stdout,
  {"x": [[...], ...]}
with one row per theta row, each simulated with its own generator seeded by the row's seed.
Logs go to stderr, never stdout. Exit when stdin ends.
"""
import json
import random
import sys


def simulate(theta, seed, sd):
    rng = random.Random(seed)  # one generator per row: results do not depend on batching
    return [t + sd * rng.gauss(0.0, 1.0) for t in theta]


def main():
    sd = float(sys.argv[1]) if len(sys.argv) > 1 else 0.1
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        x = [simulate(theta, seed, sd)
             for theta, seed in zip(request["theta"], request["seeds"])]
        print(json.dumps({"x": x}), flush=True)


if __name__ == "__main__":
    main()
