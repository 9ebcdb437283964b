package org.sbi4j.flows;

/**
 * A thread's working room for one {@link RationalQuadraticSpline} call over n elements, reused
 * across calls (it grows to the largest call): the bin width and height softmaxes (as
 * {@code Kernels.softmaxRows} writes them), and per element i its bin k (−1 outside [−B, B]),
 * {@code geo[4i..4i+3]} = x_k, w_k, y_k, h_k, the logits of the knot derivatives at the bin's two
 * ends and their softplus. The softplus of all elements runs as one kernel call: per element in
 * double precision, its log and exp were the largest cost of sampling a spline flow.
 */
final class SplineBins {

    private static final ThreadLocal<SplineBins> ROOM = ThreadLocal.withInitial(SplineBins::new);

    float[] probs = new float[0];
    int[] bin = new int[0];
    double[] geo = new double[0];
    float[] logits = new float[0];
    float[] softplus = new float[0];

    private SplineBins() {
    }

    /** This thread's room, with space for n elements of a spline with k bins. */
    static SplineBins of(int n, int k) {
        SplineBins b = ROOM.get();
        if (b.probs.length < 2 * k * n + 64) { // slack: full-width stores of a last, partial block
            b.probs = new float[2 * k * n + 64];
        }
        if (b.bin.length < n) {
            b.bin = new int[n];
            b.geo = new double[4 * n];
            b.logits = new float[2 * n];
            b.softplus = new float[2 * n];
        }
        return b;
    }
}
