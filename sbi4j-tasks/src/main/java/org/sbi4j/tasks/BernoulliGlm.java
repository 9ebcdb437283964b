package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.MultivariateNormal;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/**
 * bernoulli_glm (θ: 10, x: 10) and bernoulli_glm_raw (θ: 10, x: 100): a Bernoulli GLM neuron.
 *
 * <p>ψ = X θ with the fixed 100×10 design matrix X (offset column, stimulus delayed by 0..8
 * bins); y_t ~ Bernoulli(σ(ψ_t)) independently. Summary variant: x = Xᵀ y (spike count and
 * spike-triggered stimulus sums); raw variant: x = y. Prior θ ~ N(0, P⁻¹) with the stored
 * smoothness precision P. Both share one posterior (Xᵀy is sufficient), so the raw task reads
 * bernoulli_glm's reference samples. Task files: sbibm (numpy seed 42 stimulus).
 */
public final class BernoulliGlm implements Simulator {

    static final int BINS = 100;
    static final int DIM = 10;
    private static final String DIR = "/sbibm/bernoulli_glm/task_files/";

    private final double[] design; // BINS × DIM, row-major
    private final boolean raw;

    /** The summary (raw = false) or raw-spike-train (raw = true) simulator. */
    public BernoulliGlm(boolean raw) {
        double[][] x = TaskResources.readCsv(DIR + "design_matrix.csv");
        if (x.length != BINS || x[0].length != DIM) {
            throw new IllegalStateException("bernoulli_glm design matrix is " + x.length + "x" + x[0].length);
        }
        design = new double[BINS * DIM];
        for (int t = 0; t < BINS; t++) {
            System.arraycopy(x[t], 0, design, t * DIM, DIM);
        }
        this.raw = raw;
    }

    /** The prior N(0, P⁻¹) with P from the task files. */
    static MultivariateNormal prior() {
        double[][] p = TaskResources.readCsv(DIR + "prior_precision.csv");
        return MultivariateNormal.ofPrecision(Priors.names("parameter", DIM), new double[DIM], p);
    }

    /** bernoulli_glm: x = Xᵀ y. */
    public static Task task() {
        return new SbibmTask("bernoulli_glm", prior(), new BernoulliGlm(false));
    }

    /** bernoulli_glm_raw: x = y (reference shared with bernoulli_glm). */
    public static Task rawTask() {
        return new SbibmTask("bernoulli_glm_raw", prior(), new BernoulliGlm(true), "bernoulli_glm");
    }

    /** Design matrix entry X[t][j]. */
    double design(int t, int j) {
        return design[t * DIM + j];
    }

    @Override
    public int thetaDim() {
        return DIM;
    }

    @Override
    public int xDim() {
        return raw ? BINS : DIM;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        if (!raw) {
            java.util.Arrays.fill(x, xOff, xOff + DIM, 0f);
        }
        for (int t = 0; t < BINS; t++) {
            double psi = 0;
            for (int j = 0; j < DIM; j++) {
                psi += design[t * DIM + j] * theta[thetaOff + j];
            }
            boolean spike = rng.nextDouble() < 1 / (1 + Math.exp(-psi));
            if (raw) {
                x[xOff + t] = spike ? 1f : 0f;
            } else if (spike) {
                for (int j = 0; j < DIM; j++) {
                    x[xOff + j] += (float) design[t * DIM + j];
                }
            }
        }
    }
}
