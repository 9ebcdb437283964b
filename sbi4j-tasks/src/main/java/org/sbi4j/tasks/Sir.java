package org.sbi4j.tasks;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * sir (θ = (β, γ), x: 10): the SIR epidemic model with Binomial observation noise.
 *
 * <p>dS/dt = −β S I/N, dI/dt = β S I/N − γ I, dR/dt = γ I with N = 10⁶ and (S, I, R)(0) =
 * (N − 1, 1, 0), solved with {@link OdeSolver} (rtol = atol = 1e-8). Summary: I(t) at
 * t = 0, 17, …, 153 (cast to float32 as sbibm does); x_j ~ Binomial(1000, clamp(I(t_j)/N, 0, 1)).
 * Binomial draws: commons-statistics inverse-transform sampler. A failed solve gives an all-NaN x.
 * Prior: β ~ LogNormal(log 0.4, 0.5), γ ~ LogNormal(log 0.125, 0.2).
 */
public final class Sir implements Simulator {

    static final double POPULATION = 1_000_000;
    static final int TRIALS = 1000;
    static final int POINTS = 10;
    static final double INTERVAL = 17;

    /** The sbibm task. */
    public static Task task() {
        return new SbibmTask("sir", Priors.independent(
                Priors.logNormal("beta", Math.log(0.4), 0.5),
                Priors.logNormal("gamma", Math.log(0.125), 0.2)), new Sir());
    }

    /**
     * The noiseless summary I(t_j), j = 0..9 (double precision), or all NaN if the solve fails.
     */
    public static double[] infected(double beta, double gamma) {
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 3;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double infection = beta * y[0] * y[1] / POPULATION;
                double recovery = gamma * y[1];
                return new double[] {-infection, infection - recovery, recovery};
            }
        };
        double[] times = new double[POINTS];
        for (int j = 0; j < POINTS; j++) {
            times[j] = INTERVAL * j;
        }
        double[][] out = new double[POINTS][3];
        OdeSolver.solve(ode, new double[] {POPULATION - 1, 1, 0}, times, out);
        double[] infected = new double[POINTS];
        for (int j = 0; j < POINTS; j++) {
            infected[j] = out[j][1];
        }
        return infected;
    }

    @Override
    public int thetaDim() {
        return 2;
    }

    @Override
    public int xDim() {
        return POINTS;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        double[] infected = infected(theta[thetaOff], theta[thetaOff + 1]);
        for (int j = 0; j < POINTS; j++) {
            double p = (float) infected[j] / (float) POPULATION;
            if (Double.isNaN(p)) {
                Arrays.fill(x, xOff, xOff + POINTS, Float.NaN);
                return;
            }
            p = Math.min(Math.max(p, 0), 1);
            x[xOff + j] = BinomialDistribution.of(TRIALS, p).createSampler(rng).sample();
        }
    }
}
