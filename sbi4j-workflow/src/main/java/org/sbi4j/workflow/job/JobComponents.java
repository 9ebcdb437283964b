package org.sbi4j.workflow.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sbi4j.workflow.external.ExternalSimulator;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;

/**
 * Builds what a job file describes: its prior, its simulator and its observations. Each check
 * that needs more than the file itself (a task's dimensions, a class's θ dimension) happens here
 * with a message naming the job's setting.
 */
public final class JobComponents {

    private JobComponents() {
    }

    /** The job's priors, or the task's prior when the job gives none. */
    public static Prior prior(JobFile job) {
        if (job.priors().isEmpty()) {
            return task(job).prior();
        }
        Prior p = job.toPrior();
        if (job.simulator().isTask() && p.dim() != task(job).thetaDim()) {
            throw new IllegalArgumentException("the job gives " + p.dim() + " priors but task '"
                    + job.simulator().task() + "' has " + task(job).thetaDim() + " parameters "
                    + task(job).thetaNames());
        }
        return p;
    }

    /**
     * The simulator: the task's, a new instance of the class, or an {@link ExternalSimulator}
     * (which the caller must close: it runs processes). Its θ dimension matches {@link #prior}.
     */
    public static Simulator simulator(JobFile job) {
        SimulatorSpec spec = job.simulator();
        if (spec.isTask()) {
            return task(job).simulator();
        }
        int thetaDim = job.thetaDim();
        if (spec.isCommand()) {
            return ExternalSimulator.of(spec.externalConfig(thetaDim));
        }
        Simulator s = SimulatorClasses.instantiate(spec.className(), spec.classpath());
        if (s.thetaDim() != thetaDim) {
            throw new IllegalArgumentException("simulator class " + spec.className()
                    + " expects " + s.thetaDim() + " parameters but the job gives " + thetaDim
                    + " priors " + job.parameterNames());
        }
        return s;
    }

    /** The built-in task named by the job's simulator. */
    public static Task task(JobFile job) {
        if (!job.simulator().isTask()) {
            throw new IllegalStateException("the job's simulator is not a built-in task");
        }
        return Tasks.byName(job.simulator().task());
    }

    /**
     * The observations as an n×xDim matrix, or null if the job has none; {@code xDim} is the
     * simulator's and every row must have that length. A 1-d .npy file is one observation.
     */
    public static Matrix observations(JobFile job, int xDim) {
        ObservationsSpec spec = job.observations();
        if (spec == null) {
            return null;
        }
        Matrix m;
        if (spec.rows() != null) {
            m = spec.toMatrix();
        } else if (spec.task() != null) {
            Task t = task(job);
            m = Matrix.of(spec.task().size(), t.xDim());
            for (int i = 0; i < spec.task().size(); i++) {
                float[] row = t.observation(spec.task().get(i));
                System.arraycopy(row, 0, m.data(), m.rowOffset(i), row.length);
            }
        } else {
            m = readFile(Path.of(spec.file()));
        }
        if (m.cols() != xDim) {
            throw new IllegalArgumentException("observations"
                    + (spec.file() != null ? " in " + spec.file() : "") + " have " + m.cols()
                    + " values per row but the simulator gives " + xDim);
        }
        return m;
    }

    private static Matrix readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file
                    + " (the job's observations)");
        }
        try {
            if (file.toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
                NpyArray a = Npy.read(file);
                Matrix m = a.toMatrix();
                return a.ndim() == 1 ? Matrix.wrap(m.data(), 1, m.rows()) : m;
            }
            return Csv.readHeaderOptional(file).values();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read observations file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** A new instance of a Simulator class with a public no-argument constructor. */
    static Simulator instantiate(String className) {
        return SimulatorClasses.instantiate(className, null);
    }
}
