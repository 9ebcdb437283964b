package org.sbi4j.kernels;

import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The constants of the Vector kernels' math, and the shuffles of a fixed-order horizontal sum.
 *
 * <p>The math itself (exp, expm1 for x ≤ 0, tanh, σ, log1p on [0, 1]) is in
 * {@code src/template/VectorMath.snippets}, written out inside every kernel loop that needs it by
 * {@code InlineVectorMath} (generated and checked in: {@link VectorActivations},
 * {@link VectorActivationDerivatives}, {@link VectorSoftmax}). No kernel passes a vector to a
 * method of its own: C2 boxes a vector that crosses a call it does not inline, and it may decline
 * to inline a large helper (compiled on its own first, or its caller past the inlining budget),
 * which made some processes 30–50 % slower before; the Vector API's own methods are
 * force-inlined.
 *
 * <p>Why not {@code lanewise(EXP)}, {@code lanewise(TANH)} or {@code reduceLanes(ADD)}: their
 * results are allowed to depend on how the code runs (interpreter fallback vs a C2 intrinsic with
 * a different algorithm or summation order), so a training run could change in the last bit
 * depending on JIT timing. The snippets use only exactly rounded operations (add, mul, fma, div,
 * min/max, compare, integer shifts), so they give the same bits in every tier.
 */
final class VectorMath {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    /** log₂ e. */
    static final float LOG2E = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with few bits so that n·LN2_HI is exact (Cody–Waite). */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding and subtracting rounds to an integer. */
    static final float ROUND = 12582912f;
    /**
     * Shuffles lane i ↔ i xor d for d = L/2, …, 1. The horizontal sum of v is
     * {@code for (sh : HALVES) v = v.add(v.rearrange(sh)); v.lane(0)}: a fixed pairwise tree. Callers
     * write this loop out rather than call a helper (a vector crossing a call that C2 does not
     * inline is boxed on the heap).
     */
    @SuppressWarnings("unchecked")
    static final VectorShuffle<Float>[] HALVES = new VectorShuffle[Integer.numberOfTrailingZeros(S.length())];

    static {
        for (int s = 0, d = S.length() / 2; d >= 1; s++, d /= 2) {
            int dist = d;
            HALVES[s] = VectorShuffle.fromOp(S, i -> i ^ dist);
        }
    }

    private VectorMath() {
    }
}
