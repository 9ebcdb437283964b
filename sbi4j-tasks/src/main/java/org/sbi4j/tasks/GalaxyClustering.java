package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * galaxy_clustering (θ = (A, b), x: 16), a toy with a perfect degeneracy: the galaxy power
 * spectrum P_g(k) = A b² P_lin(k) depends on θ only through A b².
 *
 * <p>P_lin(k) = P₀ (k/k₀)^{n_s} T(k/Γ)² / T(k₀/Γ)² with the BBKS transfer function
 * T(q) = ln(1 + 2.34q)/(2.34q) · [1 + 3.89q + (16.1q)² + (5.46q)³ + (6.71q)⁴]^(−1/4)
 * (Bardeen et al., ApJ 304 (1986) 15), shape Γ = Ω_m h = 0.21, n_s = 0.965, P₀ = 2·10⁴ (Mpc/h)³
 * at k₀ = 0.05 h/Mpc. Data: x_i = ln P_g(k_i) + σ ε_i (multiplicative log-normal noise,
 * σ = 0.05) on 16 log-spaced k_i in [0.02, 0.2] h/Mpc. Prior: A ~ LogNormal(0, 0.5),
 * b ~ LogNormal(ln 1.5, 0.25). In (ln A, ln b) everything is Gaussian, so the posterior is an
 * exact (degenerate-ridge) bivariate Gaussian in log space; see {@link GalaxyClusteringTask}.
 */
public final class GalaxyClustering implements Simulator {

    static final int BINS = 16;
    static final double K_MIN = 0.02;
    static final double K_MAX = 0.2;
    static final double SHAPE = 0.21;
    static final double N_S = 0.965;
    static final double P0 = 2e4;
    static final double K0 = 0.05;
    /** Standard deviation of the log-power noise. */
    static final double NOISE_SD = 0.05;
    /** Prior of ln A: N(MU_A, SD_A²); of ln b: N(MU_B, SD_B²). */
    static final double MU_A = 0;
    static final double SD_A = 0.5;
    static final double MU_B = Math.log(1.5);
    static final double SD_B = 0.25;

    private final double[] logPlin = new double[BINS];

    /** The simulator on the fixed k grid. */
    public GalaxyClustering() {
        for (int i = 0; i < BINS; i++) {
            logPlin[i] = Math.log(linearPower(k(i)));
        }
    }

    /** The task (observations and exact reference samples generated from fixed seeds). */
    public static Task task() {
        return new GalaxyClusteringTask(new GalaxyClustering());
    }

    static Prior prior() {
        return Priors.independent(Priors.logNormal("A", MU_A, SD_A), Priors.logNormal("b", MU_B, SD_B));
    }

    /** k_i = K_MIN (K_MAX/K_MIN)^(i/(BINS−1)), in h/Mpc. */
    public static double k(int i) {
        return K_MIN * Math.pow(K_MAX / K_MIN, i / (double) (BINS - 1));
    }

    /** BBKS transfer function T(q). */
    static double transfer(double q) {
        double p = 1 + 3.89 * q + Math.pow(16.1 * q, 2) + Math.pow(5.46 * q, 3) + Math.pow(6.71 * q, 4);
        return Math.log1p(2.34 * q) / (2.34 * q) * Math.pow(p, -0.25);
    }

    /** The linear matter power spectrum P_lin(k) in (Mpc/h)³. */
    public static double linearPower(double k) {
        double t = transfer(k / SHAPE) / transfer(K0 / SHAPE);
        return P0 * Math.pow(k / K0, N_S) * t * t;
    }

    /** ln P_lin(k_i). */
    double logLinearPower(int i) {
        return logPlin[i];
    }

    @Override
    public int thetaDim() {
        return 2;
    }

    @Override
    public int xDim() {
        return BINS;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        double ab2 = (double) theta[thetaOff] * theta[thetaOff + 1] * theta[thetaOff + 1];
        double logAb2 = ab2 > 0 ? Math.log(ab2) : Double.NaN;
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < BINS; i++) {
            x[xOff + i] = (float) (logAb2 + logPlin[i] + NOISE_SD * g.sample());
        }
    }
}
