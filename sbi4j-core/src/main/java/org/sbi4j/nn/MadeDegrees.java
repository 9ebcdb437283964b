package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * Degree assignment and masks for MADE (Germain et al. 2015, "MADE: Masked Autoencoder for
 * Distribution Estimation", §4), extended with context inputs.
 *
 * <p>Degrees: the D autoregressive inputs θ₁…θ_D have degrees 1…D; the C context inputs have
 * degree 0. A unit of degree m may depend only on inputs of degree ≤ m. Hidden units take degrees
 * in [lo, D−1] where lo = 0 if there is context (so that context-only units exist and every
 * output, including the first, can depend on the context) and lo = 1 otherwise (as in the
 * paper; lo = 0 when D = 1 and C = 0, where the output can only be a constant).
 * Masks use the in×out weight layout of {@link Dense}: M[a, b] = 1 iff
 * <ul>
 *   <li>hidden layers: d_out(b) ≥ d_in(a);</li>
 *   <li>output layer: d_out(b) &gt; d_in(a) (strict, so output i never sees θ_i).</li>
 * </ul>
 * Output degrees for "K parameters per dimension" put parameter k of dimension i (0-based) in
 * column i·K + k with degree i + 1, so output i depends only on θ_{&lt;i} and the context.
 */
public final class MadeDegrees {

    private MadeDegrees() {
    }

    /** Degrees of [θ (D) | context (C)]: 1, 2, …, D, then C zeros. */
    public static int[] inputDegrees(int features, int context) {
        checkSizes(features, context);
        int[] d = new int[features + context];
        for (int i = 0; i < features; i++) {
            d[i] = i + 1;
        }
        return d;
    }

    /** Lowest hidden degree: 0 with context (or D = 1), otherwise 1. */
    public static int lowestHiddenDegree(int features, int context) {
        checkSizes(features, context);
        return context > 0 || features == 1 ? 0 : 1;
    }

    /** Hidden degrees cycling lo, lo+1, …, D−1, lo, … (deterministic, as nflows' "sequential"). */
    public static int[] hiddenDegrees(int size, int features, int context) {
        int lo = lowestHiddenDegree(features, context);
        int span = Math.max(1, features - lo);
        int[] d = new int[size];
        for (int k = 0; k < size; k++) {
            d[k] = lo + k % span;
        }
        return d;
    }

    /**
     * Hidden degrees drawn uniformly from [max(lo, min previous), D−1] (the paper's rule, so no
     * unit is disconnected), using rng; unit 0 always takes the lowest allowed degree, so that a
     * chain of context-only (degree-0) units reaches the output and the first dimension still
     * sees the context.
     */
    public static int[] hiddenDegreesRandom(int size, int features, int context, int[] previous,
                                            UniformRandomProvider rng) {
        int lo = lowestHiddenDegree(features, context);
        int min = Integer.MAX_VALUE;
        for (int p : previous) {
            min = Math.min(min, p);
        }
        int from = Math.min(Math.max(lo, min), Math.max(lo, features - 1));
        int to = Math.max(from, features - 1);
        int[] d = new int[size];
        for (int k = 0; k < size; k++) {
            d[k] = k == 0 ? from : from + rng.nextInt(to - from + 1);
        }
        return d;
    }

    /** Output degrees: column i·K + k has degree i + 1 (i &lt; D, k &lt; K). */
    public static int[] outputDegrees(int features, int paramsPerDim) {
        checkSizes(features, 0);
        Shapes.checkPositive("parameters per dimension", paramsPerDim);
        int[] d = new int[features * paramsPerDim];
        for (int c = 0; c < d.length; c++) {
            d[c] = c / paramsPerDim + 1;
        }
        return d;
    }

    /** Hidden-layer mask (in×out): 1 where d_out ≥ d_in. */
    public static Matrix hiddenMask(int[] in, int[] out) {
        return mask(in, out, false);
    }

    /** Output-layer mask (in×out): 1 where d_out &gt; d_in. */
    public static Matrix outputMask(int[] in, int[] out) {
        return mask(in, out, true);
    }

    private static Matrix mask(int[] in, int[] out, boolean strict) {
        Matrix m = Matrix.of(in.length, out.length);
        for (int a = 0; a < in.length; a++) {
            for (int b = 0; b < out.length; b++) {
                boolean on = strict ? out[b] > in[a] : out[b] >= in[a];
                m.set(a, b, on ? 1f : 0f);
            }
        }
        return m;
    }

    private static void checkSizes(int features, int context) {
        Shapes.checkPositive("number of features", features);
        if (context < 0) {
            throw new IllegalArgumentException("context size must be >= 0, got " + context);
        }
    }
}
