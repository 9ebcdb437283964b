package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * lorenz96 (θ = (F, σ), x: 4 channels × 50 times, xShape {4, 50}): the Lorenz-96 model
 * (E. N. Lorenz, "Predictability — a problem partly solved", ECMWF Seminar 1996)
 * dz_k/dt = (z_{k+1} − z_{k−2}) z_{k−1} − z_k + F, k = 0..39 cyclic, integrated by classical
 * RK4 with dt = 0.01 from z_k(0) = F + ε_k, ε_k ~ N(0, 1) (random initial state). After a
 * spin-up of 2 time units, 4 of the 40 variables (k = 0, 10, 20, 30) are observed every 0.1
 * time units, 50 times, with Gaussian noise of sd σ: x[c, t] = z_{10c}(2 + 0.1(t+1)) + σ η.
 * Prior: F ~ U(6, 10) (chaotic regime), σ ~ U(0.1, 1). x is flattened channel-major.
 *
 * <p>The likelihood is intractable (the initial state is latent and the dynamics chaotic); the
 * task has no reference posterior. {@link #logLikelihood} gives the Gaussian log-likelihood of
 * a series for a known state at the start of the window, as a function of F, for the
 * likelihood-slice example.
 */
public final class Lorenz96 implements Simulator {

    /** Number of variables. */
    public static final int VARIABLES = 40;
    /** Observed channels (every 10th variable). */
    public static final int CHANNELS = 4;
    /** Observation times per channel. */
    public static final int LENGTH = 50;
    static final double DT = 0.01;
    /** RK4 steps between observations (0.1 time units). */
    static final int STEPS_PER_OBS = 10;
    /** RK4 steps of spin-up (2 time units). */
    static final int SPIN_UP = 200;

    /** The task (observations from fixed seeds; no reference posterior). */
    public static Task task() {
        return new SeededTask("lorenz96", prior(), new Lorenz96(), null);
    }

    static Prior prior() {
        return Priors.independent(Priors.uniform("F", 6, 10), Priors.uniform("sigma", 0.1, 1));
    }

    @Override
    public int thetaDim() {
        return 2;
    }

    @Override
    public int xDim() {
        return CHANNELS * LENGTH;
    }

    @Override
    public int[] xShape() {
        return new int[] {CHANNELS, LENGTH};
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        double f = theta[thetaOff];
        double sigma = theta[thetaOff + 1];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = initialState(f, g);
        double[][] path = observe(f, z, LENGTH);
        for (int c = 0; c < CHANNELS; c++) {
            for (int t = 0; t < LENGTH; t++) {
                x[xOff + c * LENGTH + t] = (float) (path[c][t] + sigma * g.sample());
            }
        }
    }

    /** z_k(0) = F + ε_k. */
    static double[] initialState(double f, ZigguratSampler.NormalizedGaussian g) {
        double[] z = new double[VARIABLES];
        for (int k = 0; k < VARIABLES; k++) {
            z[k] = f + g.sample();
        }
        return z;
    }

    /**
     * The noiseless observed channels: spin-up from {@code z0} (copied), then {@code length}
     * observations; result [channel][time].
     */
    public static double[][] observe(double f, double[] z0, int length) {
        return observe(f, z0, length, SPIN_UP);
    }

    /** The state after the simulator's spin-up of 2 time units from z0 (copied). */
    public static double[] spinUp(double f, double[] z0) {
        double[] z = z0.clone();
        Rk4 rk = new Rk4();
        for (int s = 0; s < SPIN_UP; s++) {
            rk.step(z, f);
        }
        return z;
    }

    /** As {@link #observe(double, double[], int)} with {@code spinUp} RK4 steps of spin-up. */
    public static double[][] observe(double f, double[] z0, int length, int spinUp) {
        double[] z = z0.clone();
        Rk4 rk = new Rk4();
        for (int s = 0; s < spinUp; s++) {
            rk.step(z, f);
        }
        double[][] out = new double[CHANNELS][length];
        for (int t = 0; t < length; t++) {
            for (int s = 0; s < STEPS_PER_OBS; s++) {
                rk.step(z, f);
            }
            for (int c = 0; c < CHANNELS; c++) {
                out[c][t] = z[c * (VARIABLES / CHANNELS)];
            }
        }
        return out;
    }

    /**
     * Gaussian log-likelihood Σ_{c, t &lt; window} log N(obs[c][t]; z_c(t; F, z0), σ²) of the first
     * {@code window} observation times, for a known state z0 at the start of the window (no
     * spin-up: observation t is z(0.1 (t+1)) from z(0) = z0), i.e. for obs made by
     * {@code observe(F, z0, n, 0)} plus noise.
     */
    public static double logLikelihood(double[][] obs, double f, double sigma, double[] z0, int window) {
        double[][] path = observe(f, z0, window, 0);
        double ll = 0;
        for (int c = 0; c < CHANNELS; c++) {
            for (int t = 0; t < window; t++) {
                double r = (obs[c][t] - path[c][t]) / sigma;
                ll += -0.5 * r * r - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            }
        }
        return ll;
    }

    /** dz/dt into {@code out}. */
    static void derivative(double[] z, double f, double[] out) {
        int n = z.length;
        for (int k = 0; k < n; k++) {
            double zp1 = z[(k + 1) % n];
            double zm1 = z[(k + n - 1) % n];
            double zm2 = z[(k + n - 2) % n];
            out[k] = (zp1 - zm2) * zm1 - z[k] + f;
        }
    }

    /** Classical Runge–Kutta 4 with fixed step {@link #DT} and its own buffers. */
    static final class Rk4 {
        private final double[] k1 = new double[VARIABLES];
        private final double[] k2 = new double[VARIABLES];
        private final double[] k3 = new double[VARIABLES];
        private final double[] k4 = new double[VARIABLES];
        private final double[] tmp = new double[VARIABLES];

        void step(double[] z, double f) {
            derivative(z, f, k1);
            shift(z, k1, DT / 2);
            derivative(tmp, f, k2);
            shift(z, k2, DT / 2);
            derivative(tmp, f, k3);
            shift(z, k3, DT);
            derivative(tmp, f, k4);
            for (int k = 0; k < VARIABLES; k++) {
                z[k] += DT / 6 * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]);
            }
        }

        private void shift(double[] z, double[] d, double h) {
            for (int k = 0; k < VARIABLES; k++) {
                tmp[k] = z[k] + h * d[k];
            }
        }
    }
}
