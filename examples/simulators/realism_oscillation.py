#!/usr/bin/env python3
"""realism_oscillation (sbi4j-tasks, org.sbi4j.tasks.realism.DampedOscillation) for sbi4j's external-simulator protocol.

A damped oscillation in Gaussian noise, 100 samples at t_i = 0.1 i:
  theta = (frequency w, damping g, amp_sin a, amp_cos b), prior w ~ U(0.5, 3), g ~ U(0.05, 0.5),
  a, b ~ N(0, 1.5^2) (nuisance: amplitude sqrt(a^2 + b^2) and phase);
  x_i = exp(-g t_i) (a sin(w t_i) + b cos(w t_i)) + 0.5 eps_i   (x_dim 100, x_shape [1, 100]).
The same model as the Java task, not the same random numbers (numpy's generator, seeded per row
with the row's seed). A row whose theta does not have 4 values is answered with null.
Protocol: docs/external-simulators.md. Needs numpy.
"""
import json
import sys

import numpy as np

T = 0.1 * np.arange(100)
NOISE_SD = 0.5


def simulate(theta, seed):
    if len(theta) != 4:
        return None
    w, g, a, b = theta
    signal = np.exp(-g * T) * (a * np.sin(w * T) + b * np.cos(w * T))
    rng = np.random.default_rng(seed)
    return (signal + NOISE_SD * rng.standard_normal(T.size)).tolist()


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        x = [simulate(theta, seed) for theta, seed in zip(request["theta"], request["seeds"])]
        print(json.dumps({"x": x}), flush=True)


if __name__ == "__main__":
    main()
