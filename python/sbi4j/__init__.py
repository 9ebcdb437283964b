"""sbi4j from Python: simulation-based inference on the JVM with numpy in and out and sbi's
names where the concept is the same.

    import sbi4j
    prior = sbi4j.BoxUniform(low=-np.ones(2), high=np.ones(2))
    theta, x = sbi4j.simulate(prior, simulator, 10_000, seed=1, workers=2)
    npe = sbi4j.NPE(prior, density_estimator="nsf")
    estimator = npe.append_simulations(theta, x).train(seed=1)
    posterior = npe.build_posterior()
    samples = posterior.sample((10_000,), x=x_o)

The JVM starts at the first call that needs it (``sbi4j.start()`` starts it at once). See
docs/python.md.
"""

from ._errors import InvalidInputError, Sbi4jError
from ._jvm import SetupError, start
from .diagnostics import CoverageResult, SbcResult, c2st, coverage, run_sbc
from .inference import NPE, TrainedEstimator, posterior_nn
from .plots import pairplot, plot_coverage, plot_loss, plot_sbc_ranks
from .posterior import Posterior, load
from .priors import Beta, BoxUniform, Gamma, LogNormal, MultivariateNormal, Normal, Prior
from .simulate import simulate

__version__ = "0.1.0"

__all__ = ["NPE", "Beta", "BoxUniform", "CoverageResult", "Gamma", "InvalidInputError",
           "LogNormal", "MultivariateNormal", "Normal", "Posterior", "Prior", "SbcResult",
           "SetupError", "Sbi4jError", "TrainedEstimator", "c2st", "coverage", "load",
           "pairplot", "plot_coverage", "plot_loss", "plot_sbc_ranks", "posterior_nn", "run_sbc",
           "simulate", "start"]
