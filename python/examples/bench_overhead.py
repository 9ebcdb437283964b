#!/usr/bin/env python3
"""What the Python layer costs: the time of ``posterior.sample`` for 1 and 10,000 samples
against the same draw called on the Java side directly (through JPype, no numpy conversion, no
Python checks), and the cost of moving arrays between numpy and Java.

    /usr/bin/python3 python/examples/bench_overhead.py [--calls 2000]

The posterior is a two-moons NSF (sbi's architecture) trained for 5 epochs on 2,000
simulations: the cost of a draw depends on the architecture, not on how well it is trained.
"""

import argparse
import os
import statistics
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import sbi4j  # noqa: E402
from sbi4j._arrays import from_java, to_java_floats  # noqa: E402
from two_moons import two_moons  # noqa: E402


def median_ms(f, calls, warmup):
    for i in range(warmup):
        f(i)
    times = []
    for i in range(calls):
        t = time.perf_counter()
        f(i)
        times.append(time.perf_counter() - t)
    return 1e3 * statistics.median(times)


def paired_ms(f, g, calls, warmup):
    """Medians (ms) of f and g called alternately (f, g, g, f, …), so that a change of the
    machine's load hits both alike; also the median of the per-pair differences."""
    for i in range(warmup):
        f(i)
        g(i)
    tf, tg = [], []
    for i in range(calls):
        for h, out in ((f, tf), (g, tg)) if i % 2 == 0 else ((g, tg), (f, tf)):
            t = time.perf_counter()
            h(i)
            out.append(time.perf_counter() - t)
    return 1e3 * statistics.median(tf), 1e3 * statistics.median(tg)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=2000, help="calls of the 1-sample draw")
    args = ap.parse_args()
    sbi4j.start()
    import jpype
    prior = sbi4j.BoxUniform(low=-np.ones(2), high=np.ones(2))
    theta, x = sbi4j.simulate(prior, two_moons, 2000, seed=1, workers=2)
    npe = sbi4j.NPE(prior, density_estimator="nsf", preset="sbi")
    npe.append_simulations(theta, x).train(seed=1, max_num_epochs=5)
    post = npe.build_posterior()
    x_o = np.array([0.0, 0.0])
    at = post._conditioned(x_o)
    Py = jpype.JClass("org.sbi4j.cli.python.PyPosterior")
    Math = jpype.JClass("java.lang.Math")
    rows = []
    for n, calls, warm in ((1, args.calls, 500), (10_000, max(20, args.calls // 40), 20)):
        py, java = paired_ms(lambda i: post.sample((n,), x=x_o, seed=i),
                             lambda i: Py.sample(at, n, i), calls, warm)
        rows.append((n, py, java))
    crossing = median_ms(lambda i: Math.abs(i), 20_000, 2000)
    print("posterior.sample per call (median; ms):")
    print("%8s %12s %14s %12s" % ("samples", "Python API", "Java directly", "difference"))
    for n, py, java in rows:
        print("%8d %12.4f %14.4f %12.4f" % (n, py, java, py - java))
    print("one JPype call to a static Java method: %.4f ms" % crossing)
    JF = jpype.JArray(jpype.JFloat)
    print("arrays (float32; ms per copy, median of 20):")
    for size in (20_000, 2_000_000):
        a = np.random.default_rng(0).random(size, dtype=np.float32)
        ja = JF(a)
        api = median_ms(lambda i: to_java_floats(a), 20, 3)
        jpype_copy = median_ms(lambda i: JF(a), 20, 3)
        to_numpy = median_ms(lambda i: from_java(ja, np.float32), 20, 3)
        per_elem = median_ms(lambda i: [ja[k] for k in range(2000)], 3, 1) * size / 2000
        print("  %9d values: numpy→Java %.3f ms (%.2f GB/s; JPype's JArray copy %.3f ms),"
              " Java→numpy %.3f ms (%.2f GB/s); element by element ~%.0f ms"
              % (size, api, 4e-6 * size / api, jpype_copy, to_numpy, 4e-6 * size / to_numpy,
                 per_elem))

if __name__ == "__main__":
    main()
