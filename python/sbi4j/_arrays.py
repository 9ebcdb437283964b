"""numpy ↔ Java arrays: one bulk copy each way (JPype's buffer protocol), never per element."""

import numpy as np


#: From this many values on, numpy → Java goes through a direct buffer over numpy's memory.
DIRECT_FROM = 1 << 16


def to_java_floats(a):
    """A Java float[] holding a (C order, float32) in one bulk copy. Large arrays are viewed
    by the JVM in place (a direct ByteBuffer over numpy's memory, no copy) and copied into
    the float[] by Java's bulk get; small ones by JPype's buffer copy (less set-up)."""
    import jpype
    flat = np.ascontiguousarray(a, dtype=np.float32).ravel()
    if flat.size < DIRECT_FROM or not flat.flags.writeable:
        return jpype.JArray(jpype.JFloat)(flat)
    import jpype.nio
    order = jpype.JClass("java.nio.ByteOrder").nativeOrder()
    view = jpype.nio.convertToDirectBuffer(memoryview(flat).cast("B"))
    out = jpype.JArray(jpype.JFloat)(flat.size)
    view.order(order).asFloatBuffer().get(out)
    return out


def to_java_doubles(a):
    import jpype
    return jpype.JArray(jpype.JDouble)(np.ascontiguousarray(a, dtype=np.float64).ravel())


def from_java(arr, dtype, shape=None):
    """A numpy copy of a Java primitive array (one bulk copy through JPype's buffer protocol),
    reshaped. (A direct buffer over a fresh numpy array, filled by Java's bulk put, measured
    15× slower for 2 million values: docs/benchmarks.md.)"""
    out = np.array(arr, dtype=dtype, copy=True)
    return out.reshape(shape) if shape is not None else out


class SeedSequence:
    """The seeds of calls made without one: 0, 1, 2, … per object, so that a script repeats
    itself run after run while two calls in a row still draw different numbers."""

    def __init__(self):
        self._next = 0

    def resolve(self, seed):
        if seed is not None:
            return int(seed)
        s = self._next
        self._next += 1
        return s


def as_matrix(values, name, cols=None, allow_nan=False):
    """values as a 2-D float array (n, cols): a 1-D array of length cols is one row. Refuses
    other ranks, a wrong column count and (unless allowed) non-finite values, naming them."""
    a = np.asarray(values)
    if a.dtype == object or not (np.issubdtype(a.dtype, np.floating)
                                 or np.issubdtype(a.dtype, np.integer)):
        raise ValueError("%s must be a numeric array, got dtype %s" % (name, a.dtype))
    if a.ndim == 1 and cols is not None:
        a = a.reshape(1, -1)
    if a.ndim != 2:
        raise ValueError("%s must have shape (n, %s), got %s"
                         % (name, cols if cols is not None else "d", a.shape))
    if cols is not None and a.shape[1] != cols:
        raise ValueError("%s has %d columns, expected %d (shape %s)"
                         % (name, a.shape[1], cols, a.shape))
    bad = ~np.isfinite(a) if not allow_nan else np.isinf(a)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ValueError("%s holds %r at row %d, column %d; every value must be finite"
                         % (name, a[i, j], i, j))
    return a
