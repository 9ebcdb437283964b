package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tasks.mcmc.Metropolis;
import org.sbi4j.tensor.Matrix;

/**
 * banana (θ = (theta_1, theta_2), x: 2): a model with a tractable likelihood and a curved
 * posterior, x_1 = θ_1 + σ_1 η_1, x_2 = θ_1² + θ_2 + σ_2 η_2 with σ_1 = 0.5, σ_2 = 0.3,
 * η ~ N(0, I), prior θ ~ N(0, I). Given x, θ_2 | θ_1 is centred on x_2 − θ_1², which bends the
 * posterior into a banana (cf. Haario, Saksman &amp; Tamminen, Comput. Stat. 14 (1999) 375).
 * Reference samples: 10,000 draws by adaptive {@link Metropolis} (burn-in 5,000, thinning 10).
 */
public final class Banana implements Simulator {

    static final double SD1 = 0.5;
    static final double SD2 = 0.3;

    /** The task with MCMC reference samples. */
    public static Task task() {
        Prior prior = prior();
        return new SeededTask("banana", prior, new Banana(), (x, rng) -> reference(prior, x, rng));
    }

    static Prior prior() {
        return Priors.normal(Priors.names("theta", 2), new double[] {0, 0}, new double[] {1, 1});
    }

    /** log p(x | θ) up to a constant. */
    static double logLikelihood(float[] x, double t1, double t2) {
        double r1 = (x[0] - t1) / SD1;
        double r2 = (x[1] - t1 * t1 - t2) / SD2;
        return -0.5 * (r1 * r1 + r2 * r2);
    }

    static Matrix reference(Prior prior, float[] x, UniformRandomProvider rng) {
        float[] t = new float[2];
        Metropolis m = Metropolis.of(th -> {
            t[0] = (float) th[0];
            t[1] = (float) th[1];
            return prior.logProb(t, 0) + logLikelihood(x, th[0], th[1]);
        }, 5_000, 10);
        return m.run(new double[] {x[0], x[1] - x[0] * x[0]}, SeededTask.REFERENCE_SAMPLES, rng).samples();
    }

    @Override
    public int thetaDim() {
        return 2;
    }

    @Override
    public int xDim() {
        return 2;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double t1 = theta[thetaOff];
        x[xOff] = (float) (t1 + SD1 * g.sample());
        x[xOff + 1] = (float) (t1 * t1 + theta[thetaOff + 1] + SD2 * g.sample());
    }
}
