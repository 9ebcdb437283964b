#!/usr/bin/env python3
"""The two-moons simulator (sbibm; Greenberg et al. 2019) for sbi4j's external-simulator protocol.

theta has 2 values (prior uniform(-1, 1) each), x has 2 values:
  a ~ U(-pi/2, pi/2), r ~ N(0.1, 0.01^2), p = (r cos a + 0.25, r sin a),
  x = p + (-|theta1 + theta2| / sqrt 2, (-theta1 + theta2) / sqrt 2).
Standard library only; each row uses its own generator seeded with the row's seed.
A row whose theta does not have 2 values is answered with null (a failed simulation).
"""
import json
import math
import random
import sys


def simulate(theta, seed):
    if len(theta) != 2:
        return None
    rng = random.Random(seed)
    a = rng.uniform(-math.pi / 2, math.pi / 2)
    r = rng.gauss(0.1, 0.01)
    p = (r * math.cos(a) + 0.25, r * math.sin(a))
    t1, t2 = theta
    return [p[0] - abs(t1 + t2) / math.sqrt(2), p[1] + (-t1 + t2) / math.sqrt(2)]


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        x = [simulate(theta, seed) for theta, seed in zip(request["theta"], request["seeds"])]
        print(json.dumps({"x": x}), flush=True)


if __name__ == "__main__":
    main()
