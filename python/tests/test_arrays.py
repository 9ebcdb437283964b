import numpy as np

import sbi4j
from sbi4j._arrays import DIRECT_FROM, from_java, to_java_floats


def test_arrays_cross_unchanged_by_both_paths():
    sbi4j.start()
    rng = np.random.default_rng(0)
    for n in (7, DIRECT_FROM - 1, DIRECT_FROM, 3 * DIRECT_FROM + 5):
        a = rng.random(n)  # float64 in, float32 out
        assert np.array_equal(from_java(to_java_floats(a), np.float32), a.astype(np.float32))
    frozen = rng.random(2 * DIRECT_FROM).astype(np.float32)
    frozen.flags.writeable = False
    assert np.array_equal(from_java(to_java_floats(frozen), np.float32), frozen)
    strided = rng.random((600, 400)).astype(np.float32)[:, ::2]
    assert np.array_equal(from_java(to_java_floats(strided), np.float32), strided.ravel())
