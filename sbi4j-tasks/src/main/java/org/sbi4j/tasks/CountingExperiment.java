package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tasks.mcmc.Metropolis;
import org.sbi4j.tensor.Matrix;

/**
 * counting_experiment (θ = (mu, efficiency, background), x: 5 bins): a binned counting
 * experiment with a signal of strength μ (the parameter of interest) and two nuisance
 * parameters, the detector efficiency ε and the background normalisation β:
 * n_i ~ Poisson(ε μ s_i + β b_i), i = 1..5, with signal template s = (2, 6, 10, 6, 2) and
 * background template b = (12, 9, 7, 5, 3) expected events (cf. Cowan, Cranmer, Gross &amp;
 * Vitells, "Asymptotic formulae for likelihood-based tests of new physics", EPJC 71 (2011) 1554).
 *
 * <p>Prior: μ ~ U(0, 5); ε ~ Beta(32, 8) (mean 0.8, sd 0.06, a calibration measurement);
 * β ~ LogNormal(0, 0.2) (20 % background uncertainty). ε and β are declared nuisance
 * ({@link Priors#withNuisance}), so NPE learns the marginal posterior p(μ | x). The likelihood
 * is tractable: reference samples are 10,000 draws of the joint (μ, ε, β) by adaptive
 * {@link Metropolis} (burn-in 5,000, thinning 10); their first column is the marginal of μ.
 */
public final class CountingExperiment implements Simulator {

    static final double[] SIGNAL = {2, 6, 10, 6, 2};
    static final double[] BACKGROUND = {12, 9, 7, 5, 3};

    /** The task; its prior declares efficiency and background nuisance. */
    public static Task task() {
        Prior prior = prior();
        return new SeededTask("counting_experiment", prior, new CountingExperiment(),
                (x, rng) -> reference(prior, x, rng));
    }

    static Prior prior() {
        return Priors.withNuisance(Priors.independent(Priors.uniform("mu", 0, 5),
                Priors.beta("efficiency", 32, 8), Priors.logNormal("background", 0, 0.2)),
                "efficiency", "background");
    }

    /** Expected counts λ_i = ε μ s_i + β b_i. */
    static double rate(int i, double mu, double eff, double bkg) {
        return eff * mu * SIGNAL[i] + bkg * BACKGROUND[i];
    }

    /** log p(x | θ) up to the constant −Σ log n_i!: Σ n_i log λ_i − λ_i. */
    static double logLikelihood(float[] x, double mu, double eff, double bkg) {
        double ll = 0;
        for (int i = 0; i < SIGNAL.length; i++) {
            double lam = rate(i, mu, eff, bkg);
            ll += x[i] * Math.log(lam) - lam;
        }
        return ll;
    }

    static Matrix reference(Prior prior, float[] x, UniformRandomProvider rng) {
        float[] t = new float[3];
        Metropolis m = Metropolis.of(th -> {
            for (int j = 0; j < 3; j++) {
                t[j] = (float) th[j];
            }
            double lp = prior.logProb(t, 0);
            return Double.isFinite(lp) ? lp + logLikelihood(x, th[0], th[1], th[2]) : lp;
        }, 5_000, 10);
        return m.run(new double[] {1.0, 0.8, 1.0}, SeededTask.REFERENCE_SAMPLES, rng).samples();
    }

    @Override
    public int thetaDim() {
        return 3;
    }

    @Override
    public int xDim() {
        return SIGNAL.length;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        for (int i = 0; i < SIGNAL.length; i++) {
            double lam = rate(i, theta[thetaOff], theta[thetaOff + 1], theta[thetaOff + 2]);
            x[xOff + i] = PoissonSampler.of(rng, lam).sample();
        }
    }
}
