package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * A task whose observations are generated, not stored: observation k draws θ from the prior and
 * simulates x_o with one XO_RO_SHI_RO_128_PP stream seeded 1,000,000 + k − 1 (as
 * {@link GalaxyClusteringTask}). Reference samples come from a {@link Reference} (e.g. MCMC on a
 * tractable likelihood) seeded 2,000,000 + k, or do not exist.
 */
final class SeededTask implements Task {

    /** Reference posterior samples for an observation. */
    @FunctionalInterface
    interface Reference {
        /** 10,000 samples (n×dim θ) from p(θ | x), all randomness from rng. */
        Matrix samples(float[] x, UniformRandomProvider rng);
    }

    static final int REFERENCE_SAMPLES = 10_000;

    private final String name;
    private final Prior prior;
    private final Simulator simulator;
    private final Reference reference;

    SeededTask(String name, Prior prior, Simulator simulator, Reference reference) {
        if (prior.dim() != simulator.thetaDim()) {
            throw new IllegalArgumentException("task " + name + ": prior dim " + prior.dim()
                    + " != simulator theta dim " + simulator.thetaDim());
        }
        this.name = name;
        this.prior = prior;
        this.simulator = simulator;
        this.reference = reference;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public Simulator simulator() {
        return simulator;
    }

    private float[][] thetaAndX(int k) {
        checkObservation(k);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1_000_000L + k - 1);
        float[] theta = new float[prior.dim()];
        prior.sample(rng, theta, 0);
        float[] x = new float[simulator.xDim()];
        simulator.simulate(theta, 0, rng, x, 0);
        return new float[][] {theta, x};
    }

    @Override
    public float[] observation(int k) {
        return thetaAndX(k)[1];
    }

    @Override
    public float[] trueParameters(int k) {
        return thetaAndX(k)[0];
    }

    /** True if reference samples exist. */
    boolean hasReference() {
        return reference != null;
    }

    /**
     * @throws IllegalStateException if the task has no reference posterior
     */
    @Override
    public Matrix referenceSamples(int k) {
        checkObservation(k);
        if (reference == null) {
            throw new IllegalStateException("task " + name + " has no reference posterior "
                    + "(its likelihood is not tractable)");
        }
        return reference.samples(observation(k), RandomSource.XO_RO_SHI_RO_128_PP.create(2_000_000L + k));
    }

    @Override
    public String toString() {
        return "Task[" + name + ", theta " + thetaDim() + ", x " + xDim() + "]";
    }
}
