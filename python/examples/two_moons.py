#!/usr/bin/env python3
"""Two moons end to end from Python, notebook style: 10,000 simulations in numpy, sbi's NSF,
10,000 posterior samples for sbibm's observation 1, C2ST against the reference posterior.

    /usr/bin/python3 python/examples/two_moons.py [--seed 1] [--plot two_moons.png]

Prints the time of each step, counted from just after ``import sbi4j`` (so the JVM start is
included), and the C2ST accuracy (≈ 0.5: the samples cannot be told from the reference).
The posterior is plotted with matplotlib when it is installed (skipped otherwise).
"""

import argparse
import csv
import gzip
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # run from the source tree without installing

import sbi4j  # noqa: E402

T0 = time.perf_counter()  # the clock starts after the import: JVM start is counted
CPU0 = time.process_time()  # CPU time of every thread of the process (JVM threads included)

REFERENCE = os.path.join(os.path.dirname(os.path.dirname(HERE)), "sbi4j-tasks", "src", "main",
                         "resources", "sbibm", "two_moons", "obs1")


def two_moons(theta, rng):
    """sbibm's two-moons simulator on a batch θ (b, 2): a ~ U(−π/2, π/2), r ~ N(0.1, 0.01²),
    p = (r cos a + 0.25, r sin a), x = p + (−|θ1 + θ2|/√2, (−θ1 + θ2)/√2)."""
    b = theta.shape[0]
    a = rng.uniform(-np.pi / 2, np.pi / 2, size=b)
    r = rng.normal(0.1, 0.01, size=b)
    p = np.stack([r * np.cos(a) + 0.25, r * np.sin(a)], axis=1)
    shift = np.stack([-np.abs(theta[:, 0] + theta[:, 1]), -theta[:, 0] + theta[:, 1]],
                     axis=1) / np.sqrt(2)
    return p + shift


def read_csv(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        rows = list(csv.reader(f))
    return np.array(rows[1:], dtype=np.float64)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--simulations", type=int, default=10_000)
    ap.add_argument("--plot", default=None, help="PNG file for the posterior (matplotlib)")
    args = ap.parse_args()
    times = {}

    def mark(step, since):
        times[step] = time.perf_counter() - since
        print("%-22s %7.2f s" % (step, times[step]), flush=True)

    t = time.perf_counter()
    sbi4j.start()
    mark("JVM start", t)

    t = time.perf_counter()
    prior = sbi4j.BoxUniform(low=-np.ones(2), high=np.ones(2))
    theta, x = sbi4j.simulate(prior, two_moons, args.simulations, seed=args.seed, workers=2)
    mark("simulate (numpy)", t)

    t = time.perf_counter()
    npe = sbi4j.NPE(prior, density_estimator="nsf", preset="sbi")
    estimator = npe.append_simulations(theta, x).train(seed=args.seed)
    mark("train NSF", t)
    s = estimator.summary
    print("  %d epochs, best %d, best validation loss %.4f (%s)"
          % (s["epochs_trained"], s["best_epoch"], s["best_validation_loss"], s["stop_reason"]))

    t = time.perf_counter()
    posterior = npe.build_posterior()
    x_o = read_csv(os.path.join(REFERENCE, "observation.csv"))[0]
    samples = posterior.sample((10_000,), x=x_o, seed=args.seed)
    mark("sample 10,000", t)
    total = time.perf_counter() - T0
    cpu = time.process_time() - CPU0
    print("%-22s %7.2f s  (from after import sbi4j: JVM, simulate, train, sample; CPU time "
          "%.1f s)" % ("end to end", total, cpu))

    t = time.perf_counter()
    reference = read_csv(os.path.join(REFERENCE, "reference_posterior_samples.csv.gz"))
    accuracy = sbi4j.c2st(reference, samples, seed=args.seed)
    mark("C2ST", t)
    print("C2ST against the reference posterior, observation 1: %.4f" % accuracy)

    if args.plot:
        try:
            import matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            sbi4j.pairplot(samples, args.plot, names=["theta_1", "theta_2"],
                           title="two moons, observation 1")
            print("matplotlib is not installed: corner plot drawn by sbi4j: %s" % args.plot)
        else:
            fig, ax = plt.subplots(figsize=(5, 5))
            ax.scatter(reference[:, 0], reference[:, 1], s=1, alpha=0.3, label="reference")
            ax.scatter(samples[:, 0], samples[:, 1], s=1, alpha=0.3, label="sbi4j NPE")
            ax.set_xlabel("theta_1")
            ax.set_ylabel("theta_2")
            ax.legend(markerscale=8)
            fig.savefig(args.plot, dpi=120)
            print("plot: %s" % args.plot)
    return total, accuracy


if __name__ == "__main__":
    main()
