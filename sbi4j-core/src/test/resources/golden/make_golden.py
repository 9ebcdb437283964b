"""Writes the golden .npy/.npz/.csv files that org.sbi4j.io tests read.

Run ONCE (the files are committed; the Maven tests never run Python):
    cd sbi4j-core/src/test/resources/golden && python3 make_golden.py
Written with numpy 2.4 (numpy.save / savez / savez_compressed / lib.format.write_array).
Every value follows a formula that the Java tests recompute independently:
    f32[i, j] = float32((i - j) / 3)          shape (3, 4)
    f64[k]    = sqrt(k + 1)                   shape (5,)   (sqrt is correctly rounded)
    i64       = [0, -1, 2**53 + 1, -2**62, 2**63 - 1]
    f32_3d    = float32(arange(12) * 0.25 - 1).reshape(2, 3, 2)
"""
import io
import numpy as np
from numpy.lib import format as npformat

f32 = np.array([[(i - j) / 3 for j in range(4)] for i in range(3)]).astype(np.float32)
f64 = np.sqrt(np.arange(1, 6, dtype=np.float64))
i64 = np.array([0, -1, 2**53 + 1, -2**62, 2**63 - 1], dtype=np.int64)
f32_3d = (np.arange(12) * 0.25 - 1).astype(np.float32).reshape(2, 3, 2)

np.save("f32_2d.npy", f32)
np.save("f64_1d.npy", f64)
np.save("i64_1d.npy", i64)
np.save("f32_3d.npy", f32_3d)
np.save("f32_scalar.npy", np.float32(2.5))
np.save("f32_empty.npy", np.zeros((0, 3), dtype=np.float32))
for version in [(2, 0), (3, 0)]:
    with open(f"f32_2d_v{version[0]}.npy", "wb") as fh:
        npformat.write_array(fh, f32, version=version)

np.savez("stored.npz", theta=f32, index=i64, f64=f64)
np.savez_compressed("deflated.npz", theta=f32, index=i64, f64=f64)

np.savetxt("table.csv", f32, delimiter=",", header="alpha,beta,gamma,delta", comments="",
           fmt="%.9g")

# files the reader must refuse, each with a clear message
np.save("bad_big_endian.npy", f32.astype(">f4"))
np.save("bad_fortran.npy", np.asfortranarray(f32))
np.save("bad_int32.npy", np.arange(4, dtype=np.int32))
buf = io.BytesIO()
np.save(buf, f32)
with open("bad_truncated.npy", "wb") as fh:
    fh.write(buf.getvalue()[:-5])
print("golden files written")
