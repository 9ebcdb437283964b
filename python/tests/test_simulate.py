import numpy as np
import pytest

import sbi4j


def noisy(theta, rng):
    return np.concatenate([theta, theta.sum(1, keepdims=True)], axis=1) \
        + rng.standard_normal((theta.shape[0], 3))


def test_same_seed_gives_the_same_pairs_for_one_and_two_workers():
    prior = sbi4j.BoxUniform(low=-np.ones(2), high=np.ones(2))
    t1, x1 = sbi4j.simulate(prior, noisy, 2500, seed=11, workers=1, batch_size=300)
    t2, x2 = sbi4j.simulate(prior, noisy, 2500, seed=11, workers=2, batch_size=300)
    assert t1.shape == (2500, 2) and x1.shape == (2500, 3)
    assert np.array_equal(t1, t2) and np.array_equal(x1, x2)
    t3, x3 = sbi4j.simulate(prior, noisy, 2500, seed=12, workers=2, batch_size=300)
    assert not np.array_equal(t1, t3) and not np.array_equal(x1, x3)


def test_x_shape_is_found_by_a_probe_and_kept():
    prior = sbi4j.BoxUniform(low=np.zeros(1), high=np.ones(1))
    theta, x = sbi4j.simulate(prior, lambda th: np.repeat(th[:, :, None], 4, axis=2), 10)
    assert x.shape == (10, 1, 4)
    np.testing.assert_array_equal(x[:, 0, 3], theta[:, 0])


def test_non_finite_rows_are_dropped_as_failed_simulations():
    prior = sbi4j.BoxUniform(low=np.zeros(1), high=np.ones(1))

    def half_nan(theta):
        x = theta.copy()
        x[theta[:, 0] < 0.5] = np.nan
        return x
    with pytest.warns(UserWarning, match="invalid"):
        theta, x = sbi4j.simulate(prior, half_nan, 400, seed=2, x_shape=(1,))
    assert 0 < len(theta) < 400 and (theta[:, 0] >= 0.5).all()
    assert np.isfinite(x).all()


def test_a_simulator_of_the_wrong_shape_fails_with_a_message():
    prior = sbi4j.BoxUniform(low=np.zeros(2), high=np.ones(2))
    with pytest.raises(sbi4j.Sbi4jError, match="every simulation failed"):
        sbi4j.simulate(prior, lambda th: np.zeros((1, 3)), 20, x_shape=(3,))
    with pytest.raises(ValueError, match="workers"):
        sbi4j.simulate(prior, lambda th: th, 20, workers=0)


def test_a_simulator_that_raises_is_reported_with_its_message():
    prior = sbi4j.BoxUniform(low=np.zeros(1), high=np.ones(1))

    def broken(theta):
        raise RuntimeError("the solver diverged")
    with pytest.raises(sbi4j.Sbi4jError, match="the solver diverged"):
        sbi4j.simulate(prior, broken, 30, x_shape=(1,), batch_size=10)
