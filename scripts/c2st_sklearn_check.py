#!/usr/bin/python3
"""C2ST with scikit-learn, exactly as sbibm computes its published numbers.

Reference for sbi4j's Java C2ST (org.sbi4j.diagnostics.C2st); not part of CI.
Needs Debian's python3 with python3-sklearn (apt-get install -y python3-sklearn).

    /usr/bin/python3 scripts/c2st_sklearn_check.py reference.csv samples.csv [--seed 1]

Each CSV holds one sample per row (a header row of names is allowed). Prints the mean
held-out accuracy and the five fold accuracies. The recipe (sbibm/metrics/c2st.py):
z-score both sets by the reference's mean and std (n-1), label reference 0 and samples 1,
MLPClassifier(relu, two hidden layers of 10*d, adam, max_iter=10000, random_state=seed),
KFold(5, shuffle=True, random_state=seed), accuracy.
"""
import argparse
import sys

import numpy as np
from sklearn.model_selection import KFold, cross_validate
from sklearn.neural_network import MLPClassifier


def read(path):
    with open(path) as f:
        first = f.readline()
    try:
        [float(v) for v in first.strip().split(",")]
        skip = 0
    except ValueError:
        skip = 1
    a = np.loadtxt(path, delimiter=",", skiprows=skip, dtype=np.float32, ndmin=2)
    return a


def c2st(x, y, seed=1, folds=5, z_score=True):
    if z_score:
        mean = np.mean(x, axis=0)
        std = np.std(x, axis=0, ddof=1)
        x = (x - mean) / std
        y = (y - mean) / std
    d = x.shape[1]
    clf = MLPClassifier(activation="relu", hidden_layer_sizes=(10 * d, 10 * d),
                        max_iter=10000, solver="adam", random_state=seed)
    data = np.concatenate((x, y))
    target = np.concatenate((np.zeros((x.shape[0],)), np.ones((y.shape[0],))))
    cv = KFold(n_splits=folds, shuffle=True, random_state=seed)
    # same as sbibm's cross_val_score(..., scoring="accuracy"), keeping the fitted models
    r = cross_validate(clf, data, target, cv=cv, scoring="accuracy", return_estimator=True)
    return r["test_score"], [e.n_iter_ for e in r["estimator"]]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("reference")
    p.add_argument("samples")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-z-score", action="store_true")
    a = p.parse_args()
    x = read(a.reference)
    y = read(a.samples)
    if x.shape[1] != y.shape[1]:
        sys.exit(f"dimension mismatch: {x.shape[1]} vs {y.shape[1]}")
    scores, epochs = c2st(x, y, a.seed, z_score=not a.no_z_score)
    print(f"c2st {np.mean(scores):.4f} folds {' '.join(f'{s:.4f}' for s in scores)} "
          f"epochs {' '.join(str(e) for e in epochs)}")


if __name__ == "__main__":
    main()
