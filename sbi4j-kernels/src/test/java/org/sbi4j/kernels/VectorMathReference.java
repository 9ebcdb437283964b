package org.sbi4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hand-written lane-wise math the generated kernels replaced (VectorMath before the math was
 * written out inside the loops by {@code InlineVectorMath}), kept as the reference they must
 * agree with bit for bit. Slow (every vector crosses a call here); tests only.
 */
final class VectorMathReference {

    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2^23: adding and subtracting rounds to int

    private VectorMathReference() {
    }

    /** e^x lane-wise; +∞ above ln(Float.MAX_VALUE), 0 below about −103.9, NaN stays NaN. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(-104f).min(89f);
        FloatVector n = xc.fma(LOG2E, ROUND).sub(ROUND);
        FloatVector r = n.fma(bc(-LN2_LO), n.fma(bc(-LN2_HI), xc));
        FloatVector p = r.fma(1.9875691500E-4f, 1.3981999507E-3f);
        p = fma(p, r, 8.3334519073E-3f);
        p = fma(p, r, 4.1665795894E-2f);
        p = fma(p, r, 1.6666665459E-1f);
        p = fma(p, r, 5.0000001201E-1f);
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        IntVector ni = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(s1).mul(s2); // NaN stays NaN through max/min and the polynomial
    }

    /**
     * e^x − 1 lane-wise for x ≤ 0 (ELU's negative branch; larger x is taken as 0, below −20 the
     * float result is −1 anyway). With x = n·ln2 + r as in {@link #exp} and q = e^r − 1 =
     * r + r²·P(r) (no cancellation), e^x − 1 = 2^n·q + (2^n − 1): exact to about 1 ulp, also near 0
     * where n = 0 and the result is q itself (Cephes {@code expm1} idea).
     */
    static FloatVector expm1Neg(FloatVector x) {
        FloatVector xc = x.min(0f).max(-20f);
        FloatVector n = xc.fma(LOG2E, ROUND).sub(ROUND);
        FloatVector r = n.fma(bc(-LN2_LO), n.fma(bc(-LN2_HI), xc));
        FloatVector p = r.fma(1.9875691500E-4f, 1.3981999507E-3f);
        p = fma(p, r, 8.3334519073E-3f);
        p = fma(p, r, 4.1665795894E-2f);
        p = fma(p, r, 1.6666665459E-1f);
        p = fma(p, r, 5.0000001201E-1f);
        FloatVector q = p.mul(r.mul(r)).add(r);
        IntVector ni = (IntVector) n.convert(VectorOperators.F2I, 0);
        FloatVector s = ni.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return q.fma(s, s.sub(1f));
    }

    /** tanh x lane-wise. */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(-5.70498872745E-3f, 2.06390887954E-2f);
        p = fma(p, z, -5.37397155531E-2f);
        p = fma(p, z, 1.33314422036E-1f);
        p = fma(p, z, -3.33332819422E-1f);
        FloatVector small = p.mul(z).fma(x, x);
        FloatVector e = exp(ax.add(ax));
        FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
        large = large.blend(large.neg(), x.lt(0f));
        VectorMask<Float> useSmall = ax.lt(0.625f);
        return large.blend(small, useSmall.or(x.test(VectorOperators.IS_NAN)));
    }

    /**
     * σ(x) lane-wise as 1/(1 + e) for x ≥ 0 and e/(1 + e) for x &lt; 0 with e = e^−|x| (no overflow;
     * tiny values for x ≪ 0 keep their relative accuracy down to the subnormals).
     */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector pos = bc(1f).div(e.add(1f));
        return pos.blend(e.mul(pos), x.lt(0f));
    }

    /**
     * log(1 + e) lane-wise for e ∈ [0, 1] (softplus: log(1 + eˣ) = max(x, 0) + log1p(e^−|x|)).
     * With f = e for e ≤ √2 − 1 (no rounding of 1 + e, so tiny e keep their relative accuracy)
     * and f = (e − 1)/2 plus ln 2 above, log1p(f) = 2·atanh(u), u = f/(2 + f), |u| ≤ 0.172, as
     * 2u·(1 + u²/3 + u⁴/5 + u⁶/7 + u⁸/9) (truncation below 1e-8 relative). NaN stays NaN.
     * Not the Vector API's LOG1P: that is an SVML stub once C2 has compiled the loop and
     * {@code Math.log1p} per lane before, so the same input gave other bits depending on JIT
     * timing (a seeded test failed now and then). Written with plain mul/add and a final blend:
     * with an fma chain or a blended constant C2 boxed vectors in the softplus loop (measured).
     */
    static FloatVector log1pUnit(FloatVector e) {
        VectorMask<Float> big = e.compare(VectorOperators.GT, 0.41421356f);
        FloatVector f = e.blend(e.sub(1f).mul(0.5f), big);
        FloatVector u = f.div(f.add(2f));
        FloatVector z = u.mul(u);
        FloatVector p = z.mul(1f / 9).add(1f / 7).mul(z).add(1f / 5).mul(z).add(1f / 3);
        FloatVector u2 = u.add(u);
        FloatVector r = u2.mul(z).mul(p).add(u2);
        return r.blend(r.add(0.6931471806f), big);
    }

    private static FloatVector bc(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** a·b + c lane-wise, fused. */
    private static FloatVector fma(FloatVector a, FloatVector b, float c) {
        return a.fma(b, bc(c));
    }
}
