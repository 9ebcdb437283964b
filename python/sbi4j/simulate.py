"""``simulate(prior, simulator, n, seed=…, workers=…)``: θ from the prior, x from a Python
function of a batch of θ, run by the library's simulation runner."""

import inspect
import warnings

import numpy as np

from . import _jvm
from ._arrays import from_java, to_java_floats
from ._errors import Sbi4jError, java_errors

_MASK64 = (1 << 64) - 1
#: Seed of the one probe call that finds the x shape when it is not given.
PROBE_SEED = 0x5B14_0B0E


def _takes_rng(f):
    try:
        return "rng" in inspect.signature(f).parameters
    except (TypeError, ValueError):
        return False


def _call(simulator, theta, rng, with_rng):
    x = simulator(theta, rng=rng) if with_rng else simulator(theta)
    return np.asarray(x)


def simulate(prior, simulator, num_simulations, seed=0, workers=1, batch_size=1000,
             x_shape=None):
    """θ (n, dθ) ~ prior and x (n, *x_shape) = simulator(θ), both float32.

    ``simulator(theta)`` or ``simulator(theta, rng=…)`` takes a batch θ (b, dθ) and returns x
    (b, dx) or (b, *x_shape). Batches are consecutive simulations of ``batch_size`` rows
    (the last may be shorter), independent of ``workers``; a simulator taking ``rng`` gets a
    ``numpy.random.Generator`` seeded from (seed, first index of the batch), so the same seed
    gives the same θ and x for any number of workers. (A simulator without ``rng`` draws from
    its own generator: then the results are reproducible only if it is.) Rows with
    non-finite x are dropped (as failed simulations); the returned θ and x hold the valid rows
    in index order. ``x_shape`` (default: one probe call on one prior draw)."""
    _jvm.start()
    import jpype
    n = int(num_simulations)
    if n < 1:
        raise ValueError("num_simulations must be >= 1, got %d" % n)
    if not callable(simulator):
        raise TypeError("simulator must be callable, got %r" % (simulator,))
    d = prior.dim
    with_rng = _takes_rng(simulator)
    if x_shape is None:
        probe = prior.sample(1, seed=PROBE_SEED)
        x_shape = _call(simulator, probe, np.random.default_rng(PROBE_SEED), with_rng).shape[1:]
        if len(x_shape) == 0:
            x_shape = (1,)
    x_shape = tuple(int(s) for s in np.atleast_1d(x_shape))
    xdim = int(np.prod(x_shape))

    @jpype.JImplements("org.sbi4j.cli.python.PySimulator$BatchFunction")
    class _Batch:
        @jpype.JOverride
        def simulate(self, theta, rows, first_index, batch_seed):
            th = from_java(theta, np.float32, (int(rows), d))
            rng = np.random.default_rng(int(batch_seed) & _MASK64)
            try:
                x = _call(simulator, th, rng, with_rng)
            except Exception as e:  # the batch fails with the Python message, not a proxy's
                raise jpype.JClass("java.lang.RuntimeException")(
                    "%s: %s" % (type(e).__name__, e)) from None
            if x.shape[0] != rows or x.size != rows * xdim:
                raise jpype.JClass("java.lang.IllegalArgumentException")(
                    "the simulator returned shape %s for %d rows of theta; expected (%d, %s)"
                    % (x.shape, rows, rows, ", ".join(map(str, x_shape))))
            return to_java_floats(x)

    J = jpype.JClass
    PySimulator = J("org.sbi4j.cli.python.PySimulator")
    with java_errors():
        sim = PySimulator.of(_Batch(), d, jpype.JArray(jpype.JInt)(list(x_shape)))
        run = J("org.sbi4j.cli.python.PySimulator$Run")(int(seed), int(workers), int(batch_size))
        result = PySimulator.run(prior._j, sim, n, run)
    size = int(result.size())
    if size == 0:
        raise Sbi4jError("every simulation failed: %s" % str(result.summary()))
    if int(result.invalid()) > 0:
        warnings.warn("simulate: %s" % str(result.summary()))
    PyArrays = J("org.sbi4j.cli.python.PyArrays")
    theta = from_java(PyArrays.flat(result.theta()), np.float32, (size, d))
    x = from_java(PyArrays.flat(result.x()), np.float32, (size,) + x_shape)
    return theta, x
