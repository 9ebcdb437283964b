"""Priors with sbi's names: ``BoxUniform(low, high)`` and friends, each backed by the
library's prior (``org.sbi4j.prob``)."""

import numpy as np

from . import _jvm
from ._arrays import SeedSequence, as_matrix, from_java, to_java_floats
from ._errors import java_errors


def _facade():
    _jvm.start()
    import jpype
    return jpype.JClass("org.sbi4j.cli.python.PyPriors")


def _vector(v, name):
    a = np.atleast_1d(np.asarray(v, dtype=np.float64))
    if a.ndim != 1:
        raise ValueError("%s must be a scalar or a 1-D array, got shape %s" % (name, a.shape))
    return a


def _names(names, d):
    if names is None:
        return None
    import jpype
    names = list(names)
    if len(names) != d:
        raise ValueError("%d names for %d parameters: %s" % (len(names), d, names))
    return jpype.JArray(jpype.JString)(names)


def _count(n):
    if isinstance(n, tuple):
        if len(n) != 1:
            raise ValueError("sample_shape must be (n,), got %r" % (n,))
        n = n[0]
    n = int(n)
    if n < 0:
        raise ValueError("cannot draw a negative number of samples: %d" % n)
    return n


class Prior:
    """A prior over θ: ``sample(n, seed=…)`` → (n, d) float32, ``log_prob(θ)`` → (n,)."""

    def __init__(self, java_prior):
        self._j = java_prior
        self._seeds = SeedSequence()

    @property
    def dim(self):
        return int(self._j.dim())

    @property
    def names(self):
        return [str(s) for s in self._j.names()]

    @property
    def support(self):
        """(lower, upper) bounds per parameter (±inf where unbounded)."""
        return (np.array(self._j.lower(), dtype=np.float64),
                np.array(self._j.upper(), dtype=np.float64))

    def sample(self, sample_shape=(1,), seed=None):
        """n draws (n, d), float32; the same seed gives the same draws (without one, the calls
        of this prior use seeds 0, 1, 2, … in turn)."""
        n = _count(sample_shape)
        with java_errors():
            flat = _facade().sample(self._j, n, self._seeds.resolve(seed))
        return from_java(flat, np.float32, (n, self.dim))

    def log_prob(self, theta):
        """log p(θ) per row of θ (n, d) or of one θ (d,): −inf outside the support."""
        t = as_matrix(theta, "theta", self.dim)
        with java_errors():
            lp = _facade().logProb(self._j, to_java_floats(t), t.shape[0])
        return from_java(lp, np.float64)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, str(self._j.toString()))


class BoxUniform(Prior):
    """U(low_j, high_j) independently per parameter (sbi's ``BoxUniform``)."""

    def __init__(self, low, high, names=None):
        lo, hi = _vector(low, "low"), _vector(high, "high")
        if lo.shape != hi.shape:
            raise ValueError("low has shape %s, high %s" % (lo.shape, hi.shape))
        import jpype
        with java_errors():
            j = _facade().boxUniform(jpype.JArray(jpype.JDouble)(lo),
                                     jpype.JArray(jpype.JDouble)(hi), _names(names, lo.size))
        super().__init__(j)


class Normal(Prior):
    """Independent N(mean_j, sd_j²) (sd is the standard deviation)."""

    def __init__(self, mean, sd, names=None):
        m, s = _vector(mean, "mean"), _vector(sd, "sd")
        if m.shape != s.shape:
            m, s = np.broadcast_arrays(m, s)
        import jpype
        with java_errors():
            j = _facade().normal(jpype.JArray(jpype.JDouble)(np.ascontiguousarray(m)),
                                 jpype.JArray(jpype.JDouble)(np.ascontiguousarray(s)),
                                 _names(names, m.size))
        super().__init__(j)


class MultivariateNormal(Prior):
    """N(mean, covariance) with a full d × d covariance."""

    def __init__(self, mean, covariance, names=None):
        m = _vector(mean, "mean")
        c = np.asarray(covariance, dtype=np.float64)
        if c.shape != (m.size, m.size):
            raise ValueError("the covariance must have shape (%d, %d), got %s"
                             % (m.size, m.size, c.shape))
        import jpype
        with java_errors():
            j = _facade().multivariateNormal(jpype.JArray(jpype.JDouble)(m),
                                             jpype.JArray(jpype.JDouble)(c.ravel()),
                                             _names(names, m.size))
        super().__init__(j)


def _univariates(family, a, b, names, what):
    x, y = np.broadcast_arrays(_vector(a, what[0]), _vector(b, what[1]))
    import jpype
    with java_errors():
        return _facade().univariates(family, jpype.JArray(jpype.JDouble)(np.ascontiguousarray(x)),
                                     jpype.JArray(jpype.JDouble)(np.ascontiguousarray(y)),
                                     _names(names, x.size))


class Gamma(Prior):
    """Independent Gamma(shape, scale) per parameter (mean shape · scale)."""

    def __init__(self, shape, scale, names=None):
        super().__init__(_univariates("gamma", shape, scale, names, ("shape", "scale")))


class Beta(Prior):
    """Independent Beta(α, β) per parameter, on [0, 1]."""

    def __init__(self, alpha, beta, names=None):
        super().__init__(_univariates("beta", alpha, beta, names, ("alpha", "beta")))


class LogNormal(Prior):
    """Independent LogNormal(μ, σ): log θ ~ N(μ, σ²)."""

    def __init__(self, mu, sigma, names=None):
        super().__init__(_univariates("log_normal", mu, sigma, names, ("mu", "sigma")))
