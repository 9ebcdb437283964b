package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * gaussian_mixture (θ: 2, x: 2), prior U(−10, 10)². With probability ½, x ~ N(θ, I₂), otherwise
 * x ~ N(θ, 0.01 I₂); the component is drawn independently for every simulation (sbibm ≥ 1.1.0;
 * earlier versions drew one component per batch, a bug).
 */
public final class GaussianMixture implements Simulator {

    /** Standard deviations of the two equally likely components. */
    static final double SD_WIDE = 1.0;
    static final double SD_NARROW = 0.1;

    /** The sbibm task. */
    public static Task task() {
        return new SbibmTask("gaussian_mixture", Priors.uniform(Priors.names("parameter", 2), -10, 10),
                new GaussianMixture());
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
        double sd = rng.nextBoolean() ? SD_WIDE : SD_NARROW;
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        x[xOff] = (float) (theta[thetaOff] + sd * g.sample());
        x[xOff + 1] = (float) (theta[thetaOff + 1] + sd * g.sample());
    }
}
