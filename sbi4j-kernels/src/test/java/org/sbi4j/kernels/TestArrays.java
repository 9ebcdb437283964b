package org.sbi4j.kernels;

import java.util.SplittableRandom;

/** Random test data (fixed seeds) and small helpers shared by the kernel tests. */
final class TestArrays {

    private TestArrays() {
    }

    /** len floats uniform in [−1, 1) from the given seed. */
    static float[] uniform(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }

    static float maxAbs(float[] x) {
        float m = 0f;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
