package org.sbi4j.tasks.realism;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.TaskResources;
import org.sbi4j.tensor.Matrix;

/**
 * A task of the realism suite: a model that looks like real data (counts over orders of
 * magnitude, long noisy series, images, sets of trials, nuisance parameters, discrete outcomes)
 * with a tractable likelihood and an exact reference posterior.
 *
 * <p>Its {@link #numObservations() three} observations are classpath resources
 * {@code /realism/<name>/obs<k>/observation.csv} (and {@code true_parameters.csv},
 * {@code observation_seed.csv}) written by {@link RealismObservations}: x = simulate(θ_k) with
 * the fixed θ_k of the {@link Definition} and one XO_RO_SHI_RO_128_PP stream seeded
 * {@link RealismObservations#OBSERVATION_SEED} + k.
 *
 * <p>Reference samples are computed on demand, deterministically: {@link #REFERENCE_SAMPLES}
 * draws from the model's exact posterior (a {@link GridPosterior} with the nuisance parameters
 * integrated out) with one XO_RO_SHI_RO_128_PP stream seeded 2,000,000 + k. They hold the
 * parameters of interest only ({@link Prior#interestIndices()}, columns
 * {@link #referenceNames()}): NPE on a prior with nuisance parameters learns exactly that
 * marginal, so they compare directly with its samples.
 */
public final class RealismTask implements Task {

    /** Reference posterior draws per observation. */
    public static final int REFERENCE_SAMPLES = 10_000;
    /** Stored observations per task. */
    public static final int OBSERVATIONS = 3;

    /** Draws from the exact posterior p(θ of interest | x). */
    @FunctionalInterface
    public interface Reference {
        /** n draws (n × number of parameters of interest), all randomness from rng. */
        Matrix samples(float[] x, int n, UniformRandomProvider rng);
    }

    /** The joint log-likelihood log p(x | θ) over all parameters, nuisances included. */
    @FunctionalInterface
    public interface Likelihood {
        /** log p(x | θ), normalised; θ has the prior's dimension. */
        double logLikelihood(float[] x, double[] theta);
    }

    /**
     * What defines a realism task.
     *
     * @param name           registry name, e.g. "realism_counts"
     * @param prior          the prior (nuisance parameters declared)
     * @param simulator      the simulator, with its x shape
     * @param trueParameters θ_k of observation k = 1..3 (row k − 1), inside the prior support
     * @param likelihood     log p(x | θ), which the reference is computed from
     * @param reference      the exact posterior of the parameters of interest
     */
    public record Definition(String name, Prior prior, Simulator simulator,
                             double[][] trueParameters, Likelihood likelihood, Reference reference) {
        public Definition {
            if (name == null || prior == null || simulator == null || likelihood == null
                    || reference == null) {
                throw new IllegalArgumentException("realism task definition: name, prior, "
                        + "simulator, likelihood and reference are required");
            }
            if (prior.dim() != simulator.thetaDim()) {
                throw new IllegalArgumentException("task " + name + ": prior dim " + prior.dim()
                        + " != simulator theta dim " + simulator.thetaDim());
            }
            if (trueParameters == null || trueParameters.length != OBSERVATIONS) {
                throw new IllegalArgumentException("task " + name + ": need " + OBSERVATIONS
                        + " true parameter vectors");
            }
            for (double[] t : trueParameters) {
                if (t.length != prior.dim()) {
                    throw new IllegalArgumentException("task " + name + ": true parameters of length "
                            + t.length + ", the prior has " + prior.dim());
                }
            }
        }

        /** θ_k as float32 (k = 1..3). */
        public float[] trueParameters(int k) {
            double[] t = trueParameters[k - 1];
            float[] f = new float[t.length];
            for (int j = 0; j < t.length; j++) {
                f[j] = (float) t[j];
            }
            return f;
        }
    }

    private final Definition def;

    private RealismTask(Definition def) {
        this.def = def;
    }

    /** The task of a definition. */
    public static RealismTask of(Definition def) {
        if (def == null) {
            throw new IllegalArgumentException("realism task definition is missing");
        }
        return new RealismTask(def);
    }

    /** The definition (prior, simulator, true parameters, reference). */
    public Definition definition() {
        return def;
    }

    @Override
    public String name() {
        return def.name();
    }

    @Override
    public Prior prior() {
        return def.prior();
    }

    @Override
    public Simulator simulator() {
        return def.simulator();
    }

    @Override
    public int numObservations() {
        return OBSERVATIONS;
    }

    /**
     * log p(x | θ) of the model, normalised, over all parameters (nuisances included): what the
     * reference posterior is computed from, for checks such as MCMC.
     *
     * @throws IllegalArgumentException if x or θ has the wrong length
     */
    public double logLikelihood(float[] x, double[] theta) {
        if (x.length != xDim() || theta.length != thetaDim()) {
            throw new IllegalArgumentException("task " + name() + ": log-likelihood needs x of length "
                    + xDim() + " and theta of length " + thetaDim() + ", got " + x.length + " and "
                    + theta.length);
        }
        return def.likelihood().logLikelihood(x, theta);
    }

    /** Column names of {@link #referenceSamples}: the parameters of interest. */
    public List<String> referenceNames() {
        return def.prior().interestNames();
    }

    private String resource(int k, String file) {
        return "/realism/" + def.name() + "/obs" + k + "/" + file;
    }

    @Override
    public float[] observation(int k) {
        checkObservation(k);
        float[] x = TaskResources.readRow(resource(k, "observation.csv"));
        if (x.length != xDim()) {
            throw new IllegalStateException("task " + name() + ": observation " + k + " has "
                    + x.length + " values, expected " + xDim());
        }
        return x;
    }

    @Override
    public float[] trueParameters(int k) {
        checkObservation(k);
        float[] t = TaskResources.readRow(resource(k, "true_parameters.csv"));
        if (t.length != thetaDim()) {
            throw new IllegalStateException("task " + name() + ": true parameters " + k + " have "
                    + t.length + " values, expected " + thetaDim());
        }
        return t;
    }

    /**
     * {@link #REFERENCE_SAMPLES} draws from p(θ of interest | x_o(k)), n × interest dim,
     * recomputed on every call (same draws every time).
     */
    @Override
    public Matrix referenceSamples(int k) {
        checkObservation(k);
        return def.reference().samples(observation(k), REFERENCE_SAMPLES,
                RandomSource.XO_RO_SHI_RO_128_PP.create(2_000_000L + k));
    }

    @Override
    public String toString() {
        return "Task[" + name() + ", theta " + thetaDim() + ", x " + java.util.Arrays.toString(
                simulator().xShape()) + "]";
    }
}
