package org.sbi4j.tasks.galaxy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.TaskResources;
import org.sbi4j.tensor.Matrix;

/**
 * The galaxy_image task ({@link GalaxyImage}): 3 stored observations and, for each, 10,000
 * reference draws of the joint posterior of (log_mass, size, e1, e2, psf_width) by a long
 * adaptive-Metropolis chain ({@link GalaxyReference}, {@link GalaxyReference.Chain#reference()}),
 * classpath resources {@code /galaxy_image/obs<k>/} written by {@link GalaxyResources}.
 * {@link #referenceSamples} holds the parameter of interest, log_mass, the marginal NPE learns.
 */
public final class GalaxyImageTask implements Task {

    /** Registry name. */
    public static final String NAME = "galaxy_image";
    /** Stored observations. */
    public static final int OBSERVATIONS = 3;
    /** Base seed of the observation streams (observation k: + k). */
    public static final long OBSERVATION_SEED = 3_100_000L;
    /** Base seed of the reference chains (observation k: + k). */
    public static final long REFERENCE_SEED = 2_100_000L;
    /** Reference draws per observation. */
    public static final int REFERENCE_SAMPLES = 10_000;

    /** θ_k of observation k (row k − 1): log_mass, size, e1, e2, psf_width, sky. */
    static final double[][] TRUE_PARAMETERS = {
        {10.4, 3.0, 0.15, -0.10, 1.4, 10.3},
        {9.8, 2.2, -0.05, 0.20, 1.7, 9.6},
        {10.8, 4.2, 0.25, 0.05, 1.2, 10.0},
    };

    private final Prior prior = GalaxyImage.prior();
    private final GalaxyImage simulator = new GalaxyImage();

    /** The task. */
    public static GalaxyImageTask task() {
        return new GalaxyImageTask();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public Simulator simulator() {
        return simulator;
    }

    @Override
    public int numObservations() {
        return OBSERVATIONS;
    }

    /** log p(x | θ) over all six parameters, normalised. */
    public double logLikelihood(float[] x, double[] theta) {
        return GalaxyImage.logLikelihood(x, theta);
    }

    static String resource(int k, String file) {
        return "/" + NAME + "/obs" + k + "/" + file;
    }

    @Override
    public float[] observation(int k) {
        checkObservation(k);
        return TaskResources.readRow(resource(k, "observation.csv"));
    }

    @Override
    public float[] trueParameters(int k) {
        checkObservation(k);
        return TaskResources.readRow(resource(k, "true_parameters.csv"));
    }

    /** The stored joint reference draws of (log_mass, size, e1, e2, psf_width), 10,000×5. */
    public Matrix referenceJoint(int k) {
        checkObservation(k);
        return TaskResources.readMatrix(resource(k, "reference_posterior_samples.csv.gz"));
    }

    /** The stored reference draws of log_mass, 10,000×1. */
    @Override
    public Matrix referenceSamples(int k) {
        Matrix j = referenceJoint(k);
        Matrix m = Matrix.of(j.rows(), 1);
        for (int i = 0; i < j.rows(); i++) {
            m.set(i, 0, j.get(i, 0));
        }
        return m;
    }

    /** θ_k as float32, regenerated from the code. */
    static float[] truth(int k) {
        double[] t = TRUE_PARAMETERS[k - 1];
        float[] f = new float[t.length];
        for (int j = 0; j < t.length; j++) {
            f[j] = (float) t[j];
        }
        return f;
    }

    /** Observation k regenerated: simulate(θ_k) with one stream seeded OBSERVATION_SEED + k. */
    static float[] simulateObservation(int k) {
        float[] x = new float[GalaxyImage.PIXELS];
        new GalaxyImage().simulate(truth(k), 0,
                RandomSource.XO_RO_SHI_RO_128_PP.create(OBSERVATION_SEED + k), x, 0);
        return x;
    }

    /** The reference chain of observation k regenerated (first n states of the stored chain). */
    static Matrix referenceChain(float[] x, int k, int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(REFERENCE_SEED + k);
        return GalaxyReference.joint(x, n, GalaxyReference.Chain.reference(), rng);
    }

    @Override
    public String toString() {
        return "Task[" + NAME + ", theta 6 (interest: log_mass), x [1, 64, 64]]";
    }
}
