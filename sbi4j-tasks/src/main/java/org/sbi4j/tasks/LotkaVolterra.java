package org.sbi4j.tasks;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * lotka_volterra (θ = (α, β, γ, δ), x: 20): predator-prey dynamics with log-normal noise.
 *
 * <p>du/dt = α u − β u v, dv/dt = −γ v + δ u v, (u, v)(0) = (30, 1), solved with
 * {@link OdeSolver} (rtol = atol = 1e-8). Summary s = (u at t = 0, 2.1, …, 18.9, then v at the
 * same times), cast to float32; x_j = exp(log(clamp(s_j, 1e-10, 1e4)) + 0.1 ε_j), ε ~ N(0, 1).
 * A failed solve gives an all-NaN x. Prior: α, γ ~ LogNormal(−0.125, 0.5); β, δ ~ LogNormal(−3, 0.5).
 */
public final class LotkaVolterra implements Simulator {

    static final int POINTS = 10;
    static final double INTERVAL = 2.1;
    static final double NOISE_SD = 0.1;

    /** The sbibm task. */
    public static Task task() {
        return new SbibmTask("lotka_volterra", Priors.independent(
                Priors.logNormal("alpha", -0.125, 0.5), Priors.logNormal("beta", -3, 0.5),
                Priors.logNormal("gamma", -0.125, 0.5), Priors.logNormal("delta", -3, 0.5)),
                new LotkaVolterra());
    }

    /** The noiseless summary (u(t_0..t_9), v(t_0..t_9)), or all NaN if the solve fails. */
    public static double[] trajectory(double alpha, double beta, double gamma, double delta) {
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return new double[] {alpha * y[0] - beta * y[0] * y[1], -gamma * y[1] + delta * y[0] * y[1]};
            }
        };
        double[] times = new double[POINTS];
        for (int j = 0; j < POINTS; j++) {
            times[j] = INTERVAL * j;
        }
        double[][] out = new double[POINTS][2];
        OdeSolver.solve(ode, new double[] {30, 1}, times, out);
        double[] s = new double[2 * POINTS];
        for (int j = 0; j < POINTS; j++) {
            s[j] = out[j][0];
            s[POINTS + j] = out[j][1];
        }
        return s;
    }

    @Override
    public int thetaDim() {
        return 4;
    }

    @Override
    public int xDim() {
        return 2 * POINTS;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        double[] s = trajectory(theta[thetaOff], theta[thetaOff + 1], theta[thetaOff + 2], theta[thetaOff + 3]);
        if (Double.isNaN(s[0])) {
            Arrays.fill(x, xOff, xOff + 2 * POINTS, Float.NaN);
            return;
        }
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < 2 * POINTS; j++) {
            double v = Math.min(Math.max((float) s[j], 1e-10), 1e4);
            x[xOff + j] = (float) Math.exp(Math.log(v) + NOISE_SD * g.sample());
        }
    }
}
