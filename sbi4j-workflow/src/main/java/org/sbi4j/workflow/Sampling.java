package org.sbi4j.workflow;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.tensor.Matrix;

/**
 * Posterior samples as {@code sbi4j sample} and {@code sbi4j run} draw them: observation k's
 * samples come from stream {@link SeedStream#SAMPLES} + k of the run seed, drawn in blocks of
 * {@value #BLOCK} with a progress report after each (the blocks are part of the draw: the same
 * n, seed and k give the same samples).
 */
public final class Sampling {

    /** Samples per progress report. */
    public static final int BLOCK = 10_000;

    private Sampling() {
    }

    /** n samples (n × interest dimension) for observation k (from 1) under {@code seed}. */
    public static Matrix draw(ConditionedPosterior post, int n, long seed, int k,
                              ProgressListener progress) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least 1 sample, got " + n);
        }
        UniformRandomProvider rng = SeedStream.SAMPLES.streamFor(seed, k);
        Matrix all = Matrix.of(n, post.posterior().thetaDim());
        try (ProgressListener.Stage stage = progress.stage("sample", n)) {
            for (int done = 0; done < n; ) {
                int b = Math.min(BLOCK, n - done);
                Matrix s = post.sample(b, rng);
                for (int r = 0; r < b; r++) {
                    System.arraycopy(s.data(), s.rowOffset(r), all.data(),
                            all.rowOffset(done + r), all.cols());
                }
                done += b;
                stage.update(done, n);
            }
        }
        return all;
    }
}
