"""The trained posterior q(θ | x), with sbi's method names."""

import os

import numpy as np

from . import _jvm
from ._arrays import SeedSequence, as_matrix, from_java, to_java_floats
from ._errors import java_errors
from .priors import _count


def _facade():
    _jvm.start()
    import jpype
    return jpype.JClass("org.sbi4j.cli.python.PyPosterior")


class Posterior:
    """An amortised posterior: ``sample((n,), x=x_o)``, ``log_prob(θ, x=x_o)``, ``map``,
    ``sample_batched``, ``save``. Samples are float32 (the library's precision), densities
    float64. ``set_default_x`` fixes x_o for calls without ``x``, as in sbi. ``seed``: the
    stream of the draw (the same seed gives the same samples, as ``sbi4j sample --seed``);
    calls without one use 0, 1, 2, … in turn."""

    def __init__(self, java_posterior):
        self._j = java_posterior
        self._default_x = None
        self._at_key = None
        self._at = None
        self._seeds = SeedSequence()

    @property
    def theta_dim(self):
        return int(self._j.thetaDim())

    @property
    def x_shape(self):
        return tuple(int(s) for s in self._j.xShape())

    @property
    def x_dim(self):
        return int(self._j.xDim())

    @property
    def names(self):
        return [str(s) for s in self._j.names()]

    def set_default_x(self, x):
        self._default_x = self._observation(x)
        return self

    def _observation(self, x):
        if x is None:
            if self._default_x is None:
                raise ValueError("give the observation x=… (or call set_default_x first)")
            return self._default_x
        a = np.asarray(x, dtype=np.float32)
        if a.size != self.x_dim or a.shape not in ((self.x_dim,), (1, self.x_dim),
                                                   self.x_shape, (1,) + self.x_shape):
            if a.ndim == 2 and a.shape[1] == self.x_dim and a.shape[0] > 1:
                raise ValueError("x holds %d observations; sample takes one (shape (%d,) or "
                                 "(1, %d)); use sample_batched for several"
                                 % (a.shape[0], self.x_dim, self.x_dim))
            raise ValueError("x has shape %s; the posterior was trained on x of shape %s "
                             "(%d values)" % (a.shape, self.x_shape, self.x_dim))
        a = np.ascontiguousarray(a.ravel())
        if not np.isfinite(a).all():
            j = int(np.argwhere(~np.isfinite(a))[0][0])
            raise ValueError("the observation holds %r at position %d; every value must be "
                             "finite" % (float(a[j]), j))
        return a

    def _conditioned(self, x):
        xo = self._observation(x)
        key = xo.tobytes()
        if key != self._at_key:
            with java_errors():
                self._at = _facade().at(self._j, to_java_floats(xo))
            self._at_key = key
        return self._at

    def sample(self, sample_shape=(1,), x=None, seed=None):
        """n samples (n, dθ) from q(θ | x_o), inside the prior's support."""
        n = _count(sample_shape)
        at = self._conditioned(x)
        with java_errors():
            flat = _facade().sample(at, n, self._seeds.resolve(seed))
        return from_java(flat, np.float32, (n, self.theta_dim))

    def log_prob(self, theta, x=None):
        """log q(θ | x_o) per row of θ (m, dθ) (or one θ (dθ,)), renormalised to the prior's
        support: −inf outside it."""
        t = as_matrix(theta, "theta", self.theta_dim)
        at = self._conditioned(x)
        with java_errors():
            lp = _facade().logProb(at, to_java_floats(t), t.shape[0])
        return from_java(lp, np.float64)

    def map(self, x=None, seed=None):
        """The maximum a posteriori θ (dθ,)."""
        at = self._conditioned(x)
        with java_errors():
            return from_java(_facade().map(at, self._seeds.resolve(seed)), np.float64)

    def sample_batched(self, sample_shape, x, seed=None):
        """n samples for each of the m observations in x (m, dx): shape (n, m, dθ), as sbi."""
        n = _count(sample_shape)
        xs = as_matrix(np.asarray(x, dtype=np.float32).reshape(len(x), -1)
                       if np.ndim(x) > 2 else x, "x", self.x_dim)
        m = xs.shape[0]
        with java_errors():
            flat = _facade().sampleBatched(self._j, to_java_floats(xs), m, n,
                                           self._seeds.resolve(seed))
        return from_java(flat, np.float32, (m, n, self.theta_dim)).transpose(1, 0, 2)

    def save(self, path):
        """Writes the model file the command line reads (``sbi4j sample --model PATH``)."""
        with java_errors():
            _facade().save(self._j, os.fspath(path))

    def __repr__(self):
        return "Posterior(q(%s | x), x shape %s, %s)" % (", ".join(self.names), self.x_shape,
                                                        str(self._j.spec().kind()))


def load(path):
    """The posterior in a model file (written by ``Posterior.save`` or ``sbi4j train``)."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError("no model file at %s" % path)
    with java_errors():
        return Posterior(_facade().load(path))
