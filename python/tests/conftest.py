"""pytest setup: the package from the source tree, one JVM for the session, and one small
trained posterior shared by the tests that only query it."""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import sbi4j  # noqa: E402

#: Conjugate toy: θ ~ N(0, 1)², x = θ + N(0, σ²) per coordinate, so that
#: θ | x ~ N(x / (1 + σ²), σ² / (1 + σ²)) per coordinate.
NOISE_SD = 0.5


def gaussian_simulator(theta, rng):
    return theta + NOISE_SD * rng.standard_normal(theta.shape)


@pytest.fixture(scope="session")
def normal_prior():
    return sbi4j.Normal(np.zeros(2), np.ones(2))


@pytest.fixture(scope="session")
def trained(normal_prior):
    """(npe, estimator, posterior) of a MAF trained on 3,000 pairs of the conjugate toy."""
    theta, x = sbi4j.simulate(normal_prior, gaussian_simulator, 3000, seed=7, workers=2)
    npe = sbi4j.NPE(normal_prior, density_estimator="maf", preset="sbi")
    estimator = npe.append_simulations(theta, x).train(seed=7, max_num_epochs=60)
    return npe, estimator, npe.build_posterior()
