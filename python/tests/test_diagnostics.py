import numpy as np

import sbi4j
from conftest import gaussian_simulator


def test_c2st_is_near_half_for_one_distribution_and_near_one_for_two():
    """1,000 vs 1,000 draws: accuracy sd ≈ 0.011 under H0, so 0.5 + 0.06 is > 5 sd; N(0, 1) vs
    N(3, 1) separates with accuracy ≈ Φ(1.5) = 0.93."""
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((1000, 2)), rng.standard_normal((1000, 2))
    assert abs(sbi4j.c2st(a, b, seed=1) - 0.5) < 0.06
    assert sbi4j.c2st(a, b + 3.0, seed=1) > 0.85


def test_sbc_and_coverage_on_the_trained_posterior(trained, normal_prior):
    _, _, post = trained
    theta, x = sbi4j.simulate(normal_prior, gaussian_simulator, 200, seed=99)
    sbc = sbi4j.run_sbc(theta, x, post, num_posterior_samples=100, seed=1)
    assert sbc.ranks.shape == (200, 2) and sbc.joint_ranks.shape == (200,)
    assert sbc.ranks.min() >= 0 and sbc.ranks.max() <= 100
    assert isinstance(sbc.calibrated, bool) and "SBC" in sbc.verdict
    assert sbc.p_values.shape == (2,)
    cov = sbi4j.coverage(sbc)
    assert cov.levels.shape == cov.coverage.shape == cov.lower.shape
    assert ((cov.coverage >= 0) & (cov.coverage <= 1)).all()
    again = sbi4j.run_sbc(theta, x, post, num_posterior_samples=100, seed=1, workers=1)
    assert np.array_equal(again.ranks, sbc.ranks)


def test_plots_are_written_as_png_files(trained, normal_prior, tmp_path):
    _, estimator, post = trained
    s = post.sample((500,), x=[0.0, 0.0], seed=1)
    files = [sbi4j.pairplot(s, tmp_path / "corner.png", truth=[0.0, 0.0]),
             sbi4j.plot_loss(estimator, tmp_path / "loss.png")]
    theta, x = sbi4j.simulate(normal_prior, gaussian_simulator, 50, seed=3)
    sbc = sbi4j.run_sbc(theta, x, post, num_posterior_samples=50)
    files += [sbi4j.plot_sbc_ranks(sbc, tmp_path / "ranks.png"),
              sbi4j.plot_coverage(sbi4j.coverage(sbc), tmp_path / "coverage.svg")]
    for f in files:
        with open(f, "rb") as fh:
            head = fh.read(8)
        assert head.startswith(b"\x89PNG") or head.startswith(b"<")
