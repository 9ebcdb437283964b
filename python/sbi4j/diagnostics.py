"""Diagnostics with sbi's names: ``run_sbc``, ``coverage`` (HPD, from the SBC pass) and
``c2st``, returning numpy arrays and the library's verdicts."""

import numpy as np

from . import _jvm
from ._arrays import as_matrix, from_java, to_java_floats
from ._errors import java_errors


class SbcResult:
    """SBC of a posterior on test pairs: ``ranks`` (N, dθ) of the truth among the L samples,
    ``joint_ranks`` (N,) of its log-density, per-parameter p-values, ``calibrated`` and the
    library's ``verdict`` (plain words)."""

    def __init__(self, j):
        import jpype
        self._j = j
        PyDiag = jpype.JClass("org.sbi4j.cli.python.PyDiagnostics")
        r = j.ranks()
        self.num_posterior_samples = int(r.samplesPerPair())
        self.ranks = from_java(PyDiag.ranks(j), np.int64, (int(r.pairs()), int(r.dim())))
        self.joint_ranks = (from_java(r.jointRanks(), np.int64) if r.hasJoint() else None)
        self.names = [str(s) for s in j.names()]
        self.p_values = np.array([float(c.pValue()) for c in j.parameters()])
        self.joint_p_value = float(j.joint().pValue()) if j.joint() is not None else None
        self.calibrated = bool(j.calibrated())
        self.verdict = str(j.verdict())
        self.alpha = float(j.alpha())

    def __repr__(self):
        return "SbcResult(%d pairs, calibrated=%s: %s)" % (self.ranks.shape[0], self.calibrated,
                                                          self.verdict)


def run_sbc(thetas, xs, posterior, num_posterior_samples=1000, seed=0, alpha=0.01,
            workers=0):
    """Simulation-based calibration on test pairs θ_i (N, dθ), x_i (N, dx) simulated from
    the prior: L = num_posterior_samples draws per pair; rank tests at family-wise level
    ``alpha``. ``workers`` (0: every core) does not change the ranks."""
    _jvm.start()
    import jpype
    t = as_matrix(thetas, "thetas", posterior.theta_dim)
    x = as_matrix(np.asarray(xs).reshape(len(xs), -1), "xs", posterior.x_dim)
    if t.shape[0] != x.shape[0]:
        raise ValueError("thetas has %d rows but xs has %d" % (t.shape[0], x.shape[0]))
    threads = int(workers) or int(jpype.java.lang.Runtime.getRuntime().availableProcessors())
    J = jpype.JClass
    with java_errors():
        pairs = J("org.sbi4j.cli.python.PyDiagnostics").pairs(
            posterior._j, to_java_floats(t), to_java_floats(x), t.shape[0])
        res = J("org.sbi4j.workflow.Diagnoses").sbc(posterior._j, pairs,
                                                     int(num_posterior_samples), float(alpha),
                                                     int(seed), threads)
    return SbcResult(res)


class CoverageResult:
    """Expected coverage: per credibility ``levels``, the empirical ``coverage`` with the
    band (``lower``, ``upper``) a calibrated posterior stays in, ``calibrated``, ``verdict``."""

    def __init__(self, j):
        self._j = j
        self.method = str(j.method())
        self.levels = np.array(j.levels(), dtype=np.float64)
        self.coverage = np.array(j.coverage(), dtype=np.float64)
        self.lower = np.array(j.lower(), dtype=np.float64)
        self.upper = np.array(j.upper(), dtype=np.float64)
        self.calibrated = bool(j.calibrated())
        self.verdict = str(j.verdict())

    def __repr__(self):
        return "CoverageResult(%s, calibrated=%s)" % (self.method, self.calibrated)


def coverage(sbc, alpha=0.01):
    """HPD expected coverage from the joint log-density ranks of an ``run_sbc`` result."""
    import jpype
    if sbc.joint_ranks is None:
        raise ValueError("the SBC result has no joint log-density ranks")
    with java_errors():
        return CoverageResult(jpype.JClass("org.sbi4j.diagnostics.Coverage").hpd(
            sbc._j.ranks(), float(alpha)))


def c2st(X, Y, seed=0, return_folds=False):
    """Classifier two-sample test accuracy of samples Y against reference samples X (sbibm's
    classifier, 5 folds): about 0.5 when they are alike, 1 when they separate."""
    _jvm.start()
    import jpype
    a = as_matrix(X, "X")
    b = as_matrix(Y, "Y", a.shape[1])
    with java_errors():
        PyArrays = jpype.JClass("org.sbi4j.cli.python.PyArrays")
        r = jpype.JClass("org.sbi4j.cli.python.PyDiagnostics").c2st(
            PyArrays.matrix(to_java_floats(a), a.shape[0], a.shape[1], "X"),
            PyArrays.matrix(to_java_floats(b), b.shape[0], b.shape[1], "Y"), int(seed))
    acc = float(r.accuracy())
    if return_folds:
        return acc, np.array(r.foldAccuracies(), dtype=np.float64)
    return acc
