"""Figures drawn by the library (sbi4j-plot, no matplotlib needed), written as PNG (or SVG for
a name ending in .svg); each function returns the path it wrote."""

import os

import numpy as np

from . import _jvm
from ._arrays import as_matrix, to_java_floats
from ._errors import java_errors


def _path(path):
    import jpype
    return jpype.JClass("java.nio.file.Path").of(os.fspath(path), jpype.JArray(jpype.JString)(0))


def pairplot(samples, path, names=None, truth=None, title="posterior"):
    """Corner plot of samples (n, d): marginal histograms and 1σ/2σ density contours, the
    true values (d,) marked if given (sbi's ``pairplot``)."""
    _jvm.start()
    import jpype
    s = as_matrix(samples, "samples")
    d = s.shape[1]
    names = list(names) if names is not None else ["theta_%d" % (j + 1) for j in range(d)]
    if len(names) != d:
        raise ValueError("%d names for %d columns" % (len(names), d))
    J = jpype.JClass
    with java_errors():
        m = J("org.sbi4j.cli.python.PyArrays").matrix(to_java_floats(s), s.shape[0], d,
                                                        "samples")
        t = None if truth is None else jpype.JArray(jpype.JDouble)(
            np.asarray(truth, dtype=np.float64).ravel())
        J("org.sbi4j.workflow.Plots").corner(_path(path), m, J("java.util.List").of(names),
                                             t, title)
    return os.fspath(path)


def plot_sbc_ranks(sbc, path):
    """Histograms of the SBC ranks of a ``run_sbc`` result, with the band of uniform ranks."""
    import jpype
    with java_errors():
        jpype.JClass("org.sbi4j.workflow.Plots").ranks(_path(path), sbc._j)
    return os.fspath(path)


def plot_coverage(result, path):
    """Expected coverage of a ``coverage`` result against the diagonal, with its band."""
    import jpype
    with java_errors():
        fig = jpype.JClass("org.sbi4j.plot.CoveragePlot").of("Expected coverage", result._j)
        if os.fspath(path).lower().endswith(".svg"):
            fig.writeSvg(_path(path))
        else:
            fig.writePng(_path(path))
    return os.fspath(path)


def plot_loss(estimator, path, title="training"):
    """Training and validation loss per epoch of what ``NPE.train`` returned (every member)."""
    import jpype
    with java_errors():
        jpype.JClass("org.sbi4j.workflow.Plots").loss(_path(path), estimator._result.reports(),
                                                      title)
    return os.fspath(path)
