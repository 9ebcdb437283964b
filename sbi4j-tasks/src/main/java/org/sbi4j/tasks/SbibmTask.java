package org.sbi4j.tasks;

import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * An sbibm task whose ten observations, true parameters and reference samples are classpath
 * resources {@code /sbibm/<dir>/obs<k>/...} copied from the sbibm repository.
 *
 * <p>Tasks sharing a posterior with another task (slcp_distractors with slcp, bernoulli_glm_raw
 * with bernoulli_glm) read the true parameters and reference samples from the other task's
 * folder ({@code referenceDir}); sbibm ships byte-identical copies.
 */
final class SbibmTask implements Task {

    private final String name;
    private final Prior prior;
    private final Simulator simulator;
    private final String referenceDir;

    SbibmTask(String name, Prior prior, Simulator simulator, String referenceDir) {
        if (prior.dim() != simulator.thetaDim()) {
            throw new IllegalArgumentException("task " + name + ": prior dim " + prior.dim()
                    + " != simulator theta dim " + simulator.thetaDim());
        }
        this.name = name;
        this.prior = prior;
        this.simulator = simulator;
        this.referenceDir = referenceDir;
    }

    SbibmTask(String name, Prior prior, Simulator simulator) {
        this(name, prior, simulator, name);
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

    @Override
    public float[] observation(int k) {
        checkObservation(k);
        return checked(TaskResources.readRow("/sbibm/" + name + "/obs" + k + "/observation.csv"),
                xDim(), "observation " + k);
    }

    @Override
    public float[] trueParameters(int k) {
        checkObservation(k);
        return checked(TaskResources.readRow("/sbibm/" + referenceDir + "/obs" + k + "/true_parameters.csv"),
                thetaDim(), "true parameters " + k);
    }

    @Override
    public Matrix referenceSamples(int k) {
        checkObservation(k);
        Matrix m = TaskResources.readMatrix("/sbibm/" + referenceDir + "/obs" + k
                + "/reference_posterior_samples.csv.gz");
        if (m.cols() != thetaDim()) {
            throw new IllegalStateException("task " + name + ": reference samples " + k + " have "
                    + m.cols() + " columns, expected " + thetaDim());
        }
        return m;
    }

    private float[] checked(float[] v, int dim, String what) {
        if (v.length != dim) {
            throw new IllegalStateException("task " + name + ": " + what + " has " + v.length
                    + " values, expected " + dim);
        }
        return v;
    }

    @Override
    public String toString() {
        return "Task[" + name + ", theta " + thetaDim() + ", x " + xDim() + "]";
    }
}
