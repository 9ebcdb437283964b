import os
import subprocess

import numpy as np
import pytest

import sbi4j
from conftest import NOISE_SD


def test_training_summary_has_one_loss_per_epoch(trained):
    npe, estimator, _ = trained
    s = estimator.summary
    assert s is npe.summary
    n = s["epochs_trained"]
    assert 1 <= n <= 60
    assert s["training_loss"].shape == (n,) and s["validation_loss"].shape == (n,)
    assert np.isfinite(s["training_loss"]).all()
    assert s["training_loss"][-1] < s["training_loss"][0]
    assert 1 <= s["best_epoch"] <= n


def test_posterior_matches_the_conjugate_posterior(trained):
    """θ | x ~ N(x / (1 + σ²), σ² / (1 + σ²)) per coordinate. 4,000 samples; tolerances are
    the fit's (a MAF at 3,000 pairs) plus > 6 Monte Carlo sd, so a correct fit fails with a
    probability well below 1e-6 for this fixed seed."""
    _, _, post = trained
    x_o = np.array([0.4, -0.8])
    s = post.sample((4000,), x=x_o, seed=5)
    assert s.shape == (4000, 2) and s.dtype == np.float32
    var = NOISE_SD ** 2 / (1 + NOISE_SD ** 2)
    np.testing.assert_allclose(s.mean(0), x_o / (1 + NOISE_SD ** 2), atol=0.08)
    np.testing.assert_allclose(s.std(0), np.sqrt(var), rtol=0.15)
    assert np.array_equal(s, post.sample((4000,), x=x_o.reshape(1, 2), seed=5))


def test_log_prob_map_and_batched_shapes(trained):
    _, _, post = trained
    x_o = [0.4, -0.8]
    theta = np.array([[0.3, -0.6], [3.0, 3.0], [0.0, 0.0]])
    lp = post.log_prob(theta, x=x_o)
    assert lp.shape == (3,) and lp[0] > lp[2] > lp[1]
    m = post.map(x=x_o)
    assert m.shape == (2,)
    np.testing.assert_allclose(m, np.array(x_o) / (1 + NOISE_SD ** 2), atol=0.15)
    xs = np.array([[0.0, 0.0], [1.0, 1.0], [-0.5, 1.0]], dtype=np.float32)
    b = post.sample_batched((500,), x=xs, seed=1)
    assert b.shape == (500, 3, 2)
    np.testing.assert_allclose(b.mean(0), xs / (1 + NOISE_SD ** 2), atol=0.12)
    post.set_default_x(x_o)
    assert post.sample((2,), seed=1).shape == (2, 2)


def test_bad_observations_and_settings_raise_with_the_problem(trained, normal_prior):
    npe, _, post = trained
    with pytest.raises(ValueError, match="finite"):
        post.sample((3,), x=[np.nan, 0.0])
    with pytest.raises(ValueError, match="shape"):
        post.sample((3,), x=[0.0, 0.0, 1.0])
    with pytest.raises(ValueError, match="sample_batched"):
        post.sample((3,), x=np.zeros((4, 2)))
    with pytest.raises(ValueError, match="unknown estimator kind 'nope'; known: nsf"):
        sbi4j.NPE(normal_prior, density_estimator="nope")
    with pytest.raises(ValueError, match="hidden features must be positive: -3"):
        sbi4j.NPE(normal_prior, hidden_features=-3)
    with pytest.raises(TypeError, match="unknown training setting"):
        npe.train(batch=3)
    with pytest.raises(ValueError, match="batch"):
        sbi4j.NPE(normal_prior, density_estimator="mdn").append_simulations(
            np.zeros((10, 2)), np.zeros((10, 2))).train(training_batch_size=-1)
    with pytest.raises(ValueError, match="theta row 1"):
        sbi4j.NPE(normal_prior).append_simulations(np.array([[0, 0], [np.inf, 0]]),
                                                   np.zeros((2, 2)))


def test_save_and_load_give_the_same_posterior_and_the_cli_reads_the_file(trained, tmp_path):
    _, _, post = trained
    path = tmp_path / "model.sbi4j"
    post.save(path)
    again = sbi4j.load(path)
    x_o = np.array([0.4, -0.8])
    s = post.sample((50,), x=x_o, seed=9)
    assert np.array_equal(s, again.sample((50,), x=x_o, seed=9))
    assert np.array_equal(post.log_prob(s, x=x_o), again.log_prob(s, x=x_o))
    # The command line samples the same file with the same seed to the same numbers.
    from sbi4j import _jvm
    java_home, jar = _jvm.locate()
    obs = tmp_path / "x_o.csv"
    obs.write_text("x_1,x_2\n0.4,-0.8\n")
    out = tmp_path / "s.csv"
    subprocess.run([os.path.join(java_home, "bin", "java"), "--add-modules",
                    "jdk.incubator.vector", "-jar", jar, "sample", "--model", str(path),
                    "--observation", str(obs), "--num", "50", "--seed", "9", "--out", str(out),
                    "--quiet"], check=True, capture_output=True)
    cli = np.loadtxt(out, delimiter=",", skiprows=1, dtype=np.float32)
    np.testing.assert_array_equal(cli, s)
    with pytest.raises(FileNotFoundError):
        sbi4j.load(tmp_path / "missing.sbi4j")


def test_two_seeds_of_training_differ_and_one_repeats(normal_prior):
    rng = np.random.default_rng(0)
    theta = rng.standard_normal((300, 2)).astype(np.float32)
    x = theta + NOISE_SD * rng.standard_normal((300, 2))  # float64 accepted
    runs = []
    for seed in (1, 1, 2):
        npe = sbi4j.NPE(normal_prior, density_estimator="mdn")
        npe.append_simulations(theta, x).train(seed=seed, max_num_epochs=3)
        runs.append(npe.summary["validation_loss"])
    assert np.array_equal(runs[0], runs[1]) and not np.array_equal(runs[0], runs[2])


def test_a_file_that_is_not_a_model_raises_an_os_error_with_the_librarys_message(tmp_path):
    bad = tmp_path / "not-a-model.sbi4j"
    bad.write_bytes(b"hello, world\n")
    with pytest.raises(OSError) as e:
        sbi4j.load(bad)
    assert "not-a-model.sbi4j" in str(e.value) or "model" in str(e.value)
    assert "Exception" not in str(e.value).split(":")[0]


def test_on_epoch_sees_every_epoch_and_can_stop_training(normal_prior):
    rng = np.random.default_rng(1)
    theta = rng.standard_normal((200, 2))
    seen = []

    def stop_at_three(member, epoch, train_loss, validation_loss):
        seen.append((member, epoch, np.isfinite(train_loss) and np.isfinite(validation_loss)))
        return epoch < 3
    npe = sbi4j.NPE(normal_prior, density_estimator="mdn")
    npe.append_simulations(theta, theta + rng.standard_normal((200, 2))).train(
        seed=1, on_epoch=stop_at_three)
    # 180 training pairs: the auto preset trains an ensemble of 5, and False stops the member
    # being trained; each member in turn sees the callback from its first epoch
    assert seen == [(m, e, True) for m in range(5) for e in (1, 2, 3)]
    assert npe.summary["epochs_trained"] == 3
    assert len(npe.summary["members"]) == 5


def test_x_with_a_shape_is_kept_and_accepted_in_that_shape(normal_prior, tmp_path):
    rng = np.random.default_rng(2)
    theta = rng.standard_normal((300, 2))
    x = np.repeat(theta[:, :, None], 3, axis=2) + rng.standard_normal((300, 2, 3))
    npe = sbi4j.NPE(normal_prior, density_estimator="mdn", preset="sbi")
    npe.append_simulations(theta, x).train(seed=1, max_num_epochs=3)
    post = npe.build_posterior()
    assert post.x_shape == (2, 3) and post.x_dim == 6
    a = post.sample((20,), x=x[0], seed=4)
    assert np.array_equal(a, post.sample((20,), x=x[:1], seed=4))
    assert np.array_equal(a, post.sample((20,), x=x[0].ravel(), seed=4))
    assert post.sample_batched((7,), x=x[:5]).shape == (7, 5, 2)
    path = tmp_path / "shaped.sbi4j"
    post.save(path)
    assert sbi4j.load(path).x_shape == (2, 3)
    with pytest.raises(ValueError, match="shape"):
        post.sample((2,), x=np.zeros((3, 2)))
