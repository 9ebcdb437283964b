package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * slcp, "simple likelihood, complex posterior" (θ: 5, x: 8), prior U(−3, 3)^5.
 * m = (θ₁, θ₂), s₁ = θ₃², s₂ = θ₄² (standard deviations), ρ = tanh θ₅,
 * S = [[s₁², ρ s₁ s₂], [ρ s₁ s₂, s₂²]] + 1e-6 I; x = (z₁, z₂, z₃, z₄), z_i ~ N(m, S) i.i.d.,
 * the four 2-D points listed one after another. Sampling uses the 2×2 Cholesky factor of S.
 */
public final class Slcp implements Simulator {

    /** Jitter added to the diagonal of S. */
    static final double JITTER = 1e-6;
    /** Number of 2-D points per simulation. */
    static final int POINTS = 4;

    /** The sbibm task. */
    public static Task task() {
        return new SbibmTask("slcp", prior(), new Slcp());
    }

    static org.sbi4j.prob.Prior prior() {
        return Priors.uniform(Priors.names("parameter", 5), -3, 3);
    }

    @Override
    public int thetaDim() {
        return 5;
    }

    @Override
    public int xDim() {
        return 2 * POINTS;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        double m1 = theta[thetaOff];
        double m2 = theta[thetaOff + 1];
        double s1 = (double) theta[thetaOff + 2] * theta[thetaOff + 2];
        double s2 = (double) theta[thetaOff + 3] * theta[thetaOff + 3];
        double rho = Math.tanh(theta[thetaOff + 4]);
        double c11 = s1 * s1 + JITTER;
        double c21 = rho * s1 * s2;
        double c22 = s2 * s2 + JITTER;
        double l11 = Math.sqrt(c11);
        double l21 = c21 / l11;
        double l22 = Math.sqrt(Math.max(c22 - l21 * l21, 0));
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < POINTS; i++) {
            double e1 = g.sample();
            double e2 = g.sample();
            x[xOff + 2 * i] = (float) (m1 + l11 * e1);
            x[xOff + 2 * i + 1] = (float) (m2 + l21 * e1 + l22 * e2);
        }
    }
}
