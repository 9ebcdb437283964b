"""Checks with numpy the files that org.sbi4j.io.NumpyInteropTest writes.

Not part of the Maven build. After running the test, from the repository root:
    mvn -pl sbi4j-core -am test -Dtest=NumpyInteropTest -Dsurefire.failIfNoSpecifiedTests=false
    python3 sbi4j-core/src/test/resources/golden/check_written.py sbi4j-core/target/numpy-check
Exits non-zero (with the reason) if numpy cannot read a file or a value differs.
Expected values (formulas, independent of the Java code):
    theta[i, j] = float32((i - j) / 3), shape (5, 3), dtype float32
    index = [0, -1, 2**53 + 1, -2**62, 2**63 - 1], int64
    f64[k] = sqrt(k + 1), k < 5, float64
"""
import sys
import numpy as np

d = sys.argv[1] if len(sys.argv) > 1 else "sbi4j-core/target/numpy-check"
theta = np.array([[(i - j) / 3 for j in range(3)] for i in range(5)]).astype(np.float32)
index = np.array([0, -1, 2**53 + 1, -2**62, 2**63 - 1], dtype=np.int64)
f64 = np.sqrt(np.arange(1, 6, dtype=np.float64))


def same(name, got, want):
    if got.dtype != want.dtype or got.shape != want.shape or not np.array_equal(got, want):
        sys.exit(f"{name}: got {got.dtype} {got.shape} {got}, want {want.dtype} {want.shape}")
    print(f"ok  {name}  {got.dtype} {got.shape}")


same("theta.npy", np.load(f"{d}/theta.npy"), theta)
same("index.npy", np.load(f"{d}/index.npy"), index)
same("f64.npy", np.load(f"{d}/f64.npy"), f64)
for npz in ["stored.npz", "deflated.npz"]:
    with np.load(f"{d}/{npz}") as z:
        if list(z.keys()) != ["theta", "index", "f64"]:
            sys.exit(f"{npz}: keys {list(z.keys())}")
        same(f"{npz}[theta]", z["theta"], theta)
        same(f"{npz}[index]", z["index"], index)
        same(f"{npz}[f64]", z["f64"], f64)
with open(f"{d}/table.csv") as fh:
    header = fh.readline().strip()
if header != "a,b,c":
    sys.exit(f"table.csv: header {header!r}")
same("table.csv", np.loadtxt(f"{d}/table.csv", delimiter=",", skiprows=1, dtype=np.float32), theta)
print("all files written by sbi4j read back correctly with numpy", np.__version__)
