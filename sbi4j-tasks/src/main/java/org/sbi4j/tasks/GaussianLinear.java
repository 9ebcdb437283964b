package org.sbi4j.tasks;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * x ~ N(θ, 0.1 I_d): the simulator of gaussian_linear (prior N(0, 0.1 I_10), analytic posterior
 * N(x_o/2, 0.05 I)) and gaussian_linear_uniform (prior U(−1, 1)^10, posterior N(x_o, 0.1 I)
 * restricted to the box). Note 0.1 is a variance, not a standard deviation (sbibm's
 * "prior_scale"/"simulator_scale" are used as variances).
 */
public final class GaussianLinear implements Simulator {

    /** Variance of the prior (gaussian_linear) and of the simulator noise. */
    public static final double VARIANCE = 0.1;
    private static final int DIM = 10;

    private final int dim;
    private final double sd;

    /** x ~ N(θ, variance · I_dim). */
    public GaussianLinear(int dim, double variance) {
        if (dim < 1 || !(variance > 0)) {
            throw new IllegalArgumentException("gaussian linear simulator: dim " + dim
                    + " must be >= 1 and variance " + variance + " positive");
        }
        this.dim = dim;
        this.sd = Math.sqrt(variance);
    }

    /** gaussian_linear: θ ~ N(0, 0.1 I_10), x ~ N(θ, 0.1 I_10). */
    public static Task task() {
        List<String> names = Priors.names("parameter", DIM);
        double[] sd = new double[DIM];
        Arrays.fill(sd, Math.sqrt(VARIANCE));
        return new SbibmTask("gaussian_linear", Priors.normal(names, new double[DIM], sd),
                new GaussianLinear(DIM, VARIANCE));
    }

    /** gaussian_linear_uniform: θ ~ U(−1, 1)^10, x ~ N(θ, 0.1 I_10). */
    public static Task uniformTask() {
        return new SbibmTask("gaussian_linear_uniform", Priors.uniform(Priors.names("parameter", DIM), -1, 1),
                new GaussianLinear(DIM, VARIANCE));
    }

    @Override
    public int thetaDim() {
        return dim;
    }

    @Override
    public int xDim() {
        return dim;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < dim; j++) {
            x[xOff + j] = (float) (theta[thetaOff + j] + sd * g.sample());
        }
    }
}
