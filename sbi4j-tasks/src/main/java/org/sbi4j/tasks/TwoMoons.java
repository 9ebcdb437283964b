package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * two_moons (θ: 2, x: 2), prior U(−1, 1)². Simulator: a ~ U(−π/2, π/2), r ~ N(0.1, 0.01²),
 * p = (r cos a + 0.25, r sin a), x = p + (−|θ₁ + θ₂|/√2, (−θ₁ + θ₂)/√2).
 * The posterior is a bimodal crescent. Reference: sbibm (Lueckmann et al. 2021, section on tasks).
 */
public final class TwoMoons implements Simulator {

    /** Mean and standard deviation of the radius r. */
    static final double R_MEAN = 0.1;
    static final double R_SD = 0.01;
    /** x-offset of the moon's centre. */
    static final double OFFSET = 0.25;

    /** The sbibm task. */
    public static Task task() {
        return new SbibmTask("two_moons", Priors.uniform(Priors.names("parameter", 2), -1, 1), new TwoMoons());
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
        double t1 = theta[thetaOff];
        double t2 = theta[thetaOff + 1];
        double a = Math.PI * (rng.nextDouble() - 0.5);
        double r = R_MEAN + R_SD * ZigguratSampler.NormalizedGaussian.of(rng).sample();
        double s = Math.sqrt(2);
        x[xOff] = (float) (r * Math.cos(a) + OFFSET - Math.abs(t1 + t2) / s);
        x[xOff + 1] = (float) (r * Math.sin(a) + (-t1 + t2) / s);
    }
}
