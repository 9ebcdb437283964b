#!/usr/bin/env python3
"""Read back every file the sbi4j command line wrote under a folder, with numpy.

Usage: python3 scripts/check_cli_outputs.py [DIR ...]
       (default: sbi4j-cli/target/cli-outputs, which the CLI tests leave behind)

Checks:
  *.npy   numpy.load works; C order; theta/x/samples are float32 2-d and finite, index and ranks
          int64; in a simulation folder theta, x and index have the same rows, index is strictly
          increasing, and the counts and shapes match metadata.json.
  *.csv   numpy.loadtxt(delimiter=",", skiprows=1) works, is finite, and has one column per
          header name.
  *.json  json.load works.
  *.png   starts with the PNG signature; *.svg starts with an XML/SVG tag.
  *.md    is non-empty UTF-8 text.
Prints one line per file and exits 1 if any check fails.
"""
import json
import os
import sys

import numpy as np

FLOAT_NAMES = ("theta", "x", "samples", "single")
problems = []


def fail(path, msg):
    problems.append(f"{path}: {msg}")
    print(f"FAIL {path}: {msg}")


def check_npy(path):
    a = np.load(path, allow_pickle=False)
    name = os.path.basename(path)
    if not a.flags["C_CONTIGUOUS"]:
        fail(path, "not C order")
    if name.startswith(("index", "ranks")):
        if a.dtype != np.int64:
            fail(path, f"dtype {a.dtype}, expected int64")
    else:
        if a.dtype != np.float32:
            fail(path, f"dtype {a.dtype}, expected float32")
        if a.ndim != 2:
            fail(path, f"{a.ndim}-d, expected 2-d")
        if not np.all(np.isfinite(a)):
            fail(path, "non-finite values")
    return a


def check_simulation_folder(folder, arrays):
    theta, x, index = arrays["theta.npy"], arrays["x.npy"], arrays["index.npy"]
    if not (len(theta) == len(x) == len(index)):
        fail(folder, f"rows differ: theta {len(theta)}, x {len(x)}, index {len(index)}")
    if len(index) > 1 and not np.all(np.diff(index) > 0):
        fail(folder, "index.npy is not strictly increasing")
    meta_path = os.path.join(folder, "metadata.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if meta["valid"] != len(theta):
            fail(folder, f"metadata valid {meta['valid']} != {len(theta)} rows")
        if meta["valid"] + meta["invalid"] != meta["attempted"]:
            fail(folder, "metadata valid + invalid != attempted")
        if theta.shape[1] != meta["theta_dim"] or x.shape[1] != int(np.prod(meta["x_shape"])):
            fail(folder, f"shapes {theta.shape}, {x.shape} disagree with metadata")
        lo, hi = meta["range"]
        if len(index) and (index[0] < lo or index[-1] >= hi):
            fail(folder, f"indices outside the range [{lo}, {hi})")


def check_csv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    a = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2, dtype=np.float64)
    if a.shape[1] != len(header):
        fail(path, f"{a.shape[1]} columns but {len(header)} header names")
    if not np.all(np.isfinite(a)):
        fail(path, "non-finite values")
    return a


def check(root):
    count = 0
    for folder, _, files in sorted(os.walk(root)):
        arrays = {}
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                if name.endswith(".npy"):
                    a = arrays[name] = check_npy(path)
                    info = f"{a.dtype} {a.shape}"
                elif name.endswith(".csv"):
                    a = check_csv(path)
                    info = f"csv {a.shape}"
                elif name.endswith(".json"):
                    with open(path) as f:
                        json.load(f)
                    info = "json"
                elif name.endswith(".png"):
                    with open(path, "rb") as f:
                        if f.read(8) != b"\x89PNG\r\n\x1a\n":
                            fail(path, "not a PNG file")
                    info = "png"
                elif name.endswith(".svg"):
                    with open(path, encoding="utf-8") as f:
                        if "<svg" not in f.read(4096):
                            fail(path, "not an SVG file")
                    info = "svg"
                elif name.endswith(".md"):
                    with open(path, encoding="utf-8") as f:
                        if not f.read().strip():
                            fail(path, "empty")
                    info = "markdown"
                else:
                    continue
            except Exception as e:  # any read failure is a finding
                fail(path, f"{type(e).__name__}: {e}")
                continue
            count += 1
            print(f"ok   {path}: {info}")
        if {"theta.npy", "x.npy", "index.npy"} <= arrays.keys():
            check_simulation_folder(folder, arrays)
    return count


def main():
    roots = sys.argv[1:] or [os.path.join("sbi4j-cli", "target", "cli-outputs")]
    total = 0
    for root in roots:
        if not os.path.isdir(root):
            fail(root, "no such folder (run the CLI tests first: PipelineTest, RunCommandTest)")
            continue
        total += check(root)
    print(f"{total} files read back, {len(problems)} problems")
    sys.exit(1 if problems or total == 0 else 0)


if __name__ == "__main__":
    main()
