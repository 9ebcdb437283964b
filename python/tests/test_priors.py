import numpy as np
import pytest

import sbi4j


def test_box_uniform_samples_lie_in_the_box_and_repeat_with_the_seed():
    prior = sbi4j.BoxUniform(low=np.array([-1.0, 0.0]), high=np.array([1.0, 5.0]))
    s = prior.sample((2000,), seed=3)
    assert s.shape == (2000, 2) and s.dtype == np.float32
    assert (s[:, 0] >= -1).all() and (s[:, 0] <= 1).all()
    assert (s[:, 1] >= 0).all() and (s[:, 1] <= 5).all()
    assert np.array_equal(s, prior.sample(2000, seed=3))
    assert not np.array_equal(s, prior.sample(2000, seed=4))
    # mean of U(0, 5) is 2.5, sd of the mean of 2000 draws 5/sqrt(12·2000) = 0.032: 5 sd
    assert abs(s[:, 1].mean() - 2.5) < 0.16


def test_box_uniform_log_prob_is_minus_log_volume_inside_and_minus_inf_outside():
    prior = sbi4j.BoxUniform(low=-np.ones(2), high=np.ones(2))
    lp = prior.log_prob(np.array([[0.0, 0.5], [2.0, 0.0]]))
    assert lp.shape == (2,)
    assert lp[0] == pytest.approx(-np.log(4.0))
    assert lp[1] == -np.inf
    assert prior.log_prob(np.zeros(2)).shape == (1,)


def test_normal_log_prob_matches_the_formula():
    prior = sbi4j.Normal(mean=[1.0, -2.0], sd=[0.5, 3.0])
    t = np.array([[1.2, 0.0], [0.0, -2.0]])
    expected = (-0.5 * ((t - [1.0, -2.0]) / [0.5, 3.0]) ** 2
                - np.log([0.5, 3.0]) - 0.5 * np.log(2 * np.pi)).sum(axis=1)
    np.testing.assert_allclose(prior.log_prob(t), expected, rtol=1e-5)


def test_other_priors_build_with_their_dimension_and_names():
    assert sbi4j.Gamma(shape=[2.0, 3.0], scale=1.0).dim == 2
    assert sbi4j.Beta(2.0, 5.0, names=["p"]).names == ["p"]
    assert sbi4j.LogNormal(0.0, 0.5).sample(10, seed=1).min() > 0
    mvn = sbi4j.MultivariateNormal(np.zeros(2), [[1.0, 0.5], [0.5, 1.0]])
    assert mvn.sample(5, seed=1).shape == (5, 2)


def test_bad_bounds_raise_the_librarys_message():
    with pytest.raises(ValueError, match="low") as e:
        sbi4j.BoxUniform(low=[1.0], high=[0.0])
    assert isinstance(e.value, sbi4j.InvalidInputError)
    with pytest.raises(ValueError, match="shape"):
        sbi4j.BoxUniform(low=[0.0, 0.0], high=[1.0])
    with pytest.raises(ValueError, match="columns"):
        sbi4j.BoxUniform(low=[0.0], high=[1.0]).log_prob(np.zeros((3, 2)))


def test_calls_without_a_seed_differ_but_repeat_from_run_to_run():
    a, b = sbi4j.BoxUniform(low=[0.0], high=[1.0]), sbi4j.BoxUniform(low=[0.0], high=[1.0])
    first, second = a.sample(5), a.sample(5)
    assert not np.array_equal(first, second)
    assert np.array_equal(first, b.sample(5)) and np.array_equal(second, b.sample(5))
    assert np.array_equal(first, a.sample(5, seed=0))
