#!/usr/bin/env python3
"""realism_counts (sbi4j-tasks, org.sbi4j.tasks.realism.GrowthCounts) for sbi4j's external-simulator protocol.

Daily case counts of an outbreak in exponential growth:
  theta = (growth_rate r, initial_size N0), prior r ~ U(0.2, 0.6), N0 ~ LogNormal(0, 1);
  x_t ~ Poisson(N0 * exp(r * t)) for days t = 0..24  (x_dim 25).
Within one x the counts run from 0 or 1 to 10^4..10^6. The same model as the Java task, not the
same random numbers (numpy's generator, seeded per row with the row's seed).
A row whose theta does not have 2 values, or whose rate is too large for numpy (> 1e15), is
answered with null (a failed simulation). Protocol: docs/external-simulators.md. Needs numpy.
"""
import json
import sys

import numpy as np

DAYS = np.arange(25)


def simulate(theta, seed):
    if len(theta) != 2:
        return None
    r, n0 = theta
    lam = n0 * np.exp(r * DAYS)
    if not np.all(np.isfinite(lam)) or lam.max() > 1e15 or n0 < 0:
        return None
    rng = np.random.default_rng(seed)  # one generator per row: results do not depend on batching
    return [int(v) for v in rng.poisson(lam)]


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        x = [simulate(theta, seed) for theta, seed in zip(request["theta"], request["seeds"])]
        print(json.dumps({"x": x}), flush=True)


if __name__ == "__main__":
    main()
