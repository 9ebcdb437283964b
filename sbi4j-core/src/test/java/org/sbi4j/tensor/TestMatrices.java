package org.sbi4j.tensor;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/** Test inputs: matrices of standard-normal values from a fixed seed. */
public final class TestMatrices {

    private TestMatrices() {
    }

    /** A rows×cols matrix of N(0, 1) draws from XO_RO_SHI_RO_128_PP seeded with seed. */
    public static Matrix gaussian(int rows, int cols, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
                RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) g.sample();
        }
        return m;
    }
}
