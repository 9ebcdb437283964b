package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.TestMatrices;

/**
 * Calls of more than {@link ConditionalFlow#PARALLEL_BLOCK} rows are split over threads and
 * chunks: they must give the bits of the same rows evaluated in small, unsplit calls.
 */
class ConditionalFlowSplitTest {

    private static final int N = 2_500; // several chunks and an uneven last part
    private static final int SMALL = 100;

    private static ConditionalFlow flow() {
        return Flows.nsf(2, 3, NsfSettings.defaults().withTransforms(2).withHiddenFeatures(20),
                RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
    }


    @Test
    void aSplitLogProbEqualsSmallCalls() {
        ConditionalFlow f = flow();
        Matrix theta = TestMatrices.gaussian(N, 2, 2);
        Matrix x = TestMatrices.gaussian(N, 3, 3);
        float[] whole = new float[N];
        f.logProb(theta, x, whole, f.workspace(N));
        ConditionalDensityEstimator.Workspace small = f.workspace(SMALL);
        float[] part = new float[SMALL];
        for (int s = 0; s < N; s += SMALL) {
            f.logProb(theta.rowView(s, SMALL), x.rowView(s, SMALL), part, small);
            for (int i = 0; i < SMALL; i++) {
                assertThat(whole[s + i]).as("row %d", s + i).isEqualTo(part[i]);
            }
        }
    }

    @Test
    void aSplitDrawEqualsSmallDrawsFromTheSameGenerator() {
        ConditionalFlow f = flow();
        Matrix x = TestMatrices.gaussian(1, 3, 4);
        UniformRandomProvider a = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        UniformRandomProvider b = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        ConditionalDensityEstimator.Samples whole = f.sampleAndLogProb(N, x, a, f.workspace(512));
        ConditionalDensityEstimator.Workspace small = f.workspace(SMALL);
        for (int s = 0; s < N; s += SMALL) {
            ConditionalDensityEstimator.Samples part = f.sampleAndLogProb(SMALL, x, b, small);
            for (int i = 0; i < SMALL; i++) {
                assertThat(whole.logProb()[s + i]).as("row %d", s + i).isEqualTo(part.logProb()[i]);
                for (int j = 0; j < 2; j++) {
                    assertThat(whole.theta().get(s + i, j)).isEqualTo(part.theta().get(i, j));
                }
            }
        }
    }
}
