package org.sbi4j.cli.python;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.ProgressListener;
import org.sbi4j.workflow.Sampling;
import org.sbi4j.workflow.SeedStream;

/**
 * {@code posterior.sample((n,), x=…)}, {@code log_prob}, {@code map}, {@code sample_batched},
 * {@code save} and {@code sbi4j.load}. The samples of seed s come from stream
 * {@link SeedStream#SAMPLES} + 1 of s, as {@code sbi4j sample --seed s} draws them for the
 * first observation, so the two give the same numbers ({@code map} and {@code sample_batched}
 * use the same stream).
 */
public final class PyPosterior {

    private PyPosterior() {
    }

    /** The posterior at one observation (checked: length and finite values). */
    public static ConditionedPosterior at(Posterior p, float[] x) {
        return p.at(PyArrays.finiteObservation(x, p.xDim()));
    }

    /** The generator of {@code sample(seed=s)}. */
    static UniformRandomProvider rng(long seed) {
        return SeedStream.SAMPLES.streamFor(seed, 1);
    }

    /**
     * n samples (n × dθ, row-major) inside the prior's support, drawn as {@code sbi4j sample
     * --seed seed} draws them for the first observation ({@link Sampling#draw}).
     */
    public static float[] sample(ConditionedPosterior at, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of samples must be >= 1, got " + n);
        }
        return PyArrays.flat(Sampling.draw(at, n, seed, 1, ProgressListener.NONE));
    }

    /** log q(θ | x_o) of each of the m rows of θ, renormalised to the prior's support. */
    public static double[] logProb(ConditionedPosterior at, float[] theta, int m) {
        return at.logProb(PyArrays.matrix(theta, m, at.posterior().thetaDim(), "theta"));
    }

    /** The maximum a posteriori θ. */
    public static double[] map(ConditionedPosterior at, long seed) {
        return at.map(rng(seed));
    }

    /**
     * n samples for each of the m observations (m × n × dθ, row-major), in bounded memory
     * ({@link Posterior#sampleEach}).
     */
    public static float[] sampleBatched(Posterior p, float[] observations, int m, int n,
                                        long seed) {
        Matrix obs = PyArrays.matrix(observations, m, p.xDim(), "x");
        if (n < 1) {
            throw new IllegalArgumentException("the number of samples must be >= 1, got " + n);
        }
        int d = p.thetaDim();
        long total = (long) m * n * d;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(m + " observations × " + n + " samples × " + d
                    + " parameters is too many for one array; ask in smaller groups");
        }
        float[] out = new float[(int) total];
        p.sampleEach(obs, n, rng(seed), (k, s) ->
                System.arraycopy(s.data(), s.offset(), out, k * n * d, n * d));
        return out;
    }

    /** Writes the model file the command line reads ({@code sbi4j sample --model}). */
    public static void save(Posterior p, String path) throws IOException {
        Path file = Path.of(path).toAbsolutePath();
        if (file.getParent() != null) {
            java.nio.file.Files.createDirectories(file.getParent());
        }
        PosteriorFiles.save(p, file);
    }

    /** Reads a model file (written by {@link #save} or {@code sbi4j train}). */
    public static Posterior load(String path) throws IOException {
        return PosteriorFiles.load(Path.of(path));
    }
}
