package org.sbi4j.optim;

import java.util.List;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * Adam / AdamW over a fixed list of parameters (Kingma &amp; Ba 2015; Loshchilov &amp; Hutter 2019).
 *
 * <p>Step t = 1, 2, … with learning rate α, for every scalar weight w with gradient g:
 * <pre>
 *   L2:         g ← g + λ·w
 *   DECOUPLED:  w ← w·(1 − α·λ)
 *   m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
 *   w ← w − α·m̂ / (√v̂ + ε)
 * </pre>
 * (computed as PyTorch does: w −= (α/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε)). The moments m, v start at
 * zero and are the optimiser's only state, besides the step count t. Gradients are read, not
 * cleared: zero them before the next backward ({@link org.sbi4j.nn.Params#zeroGrad}).
 * A step allocates nothing.
 */
public final class Adam {

    private final List<Param> params;
    private final AdamConfig config;
    private final float[][] m;
    private final float[][] v;
    private int t;

    private Adam(List<Param> params, AdamConfig config) {
        this.params = List.copyOf(params);
        this.config = config;
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new float[params.get(i).size()];
            v[i] = new float[params.get(i).size()];
        }
    }

    /** An optimiser over params with the given settings. */
    public static Adam of(List<Param> params, AdamConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("Adam configuration must not be null");
        }
        return new Adam(params, config);
    }

    public AdamConfig config() {
        return config;
    }

    /** Number of steps taken so far. */
    public int steps() {
        return t;
    }

    /** One step with the configured learning rate. */
    public void step() {
        step(config.learningRate());
    }

    /** One step with learning rate lr (e.g. from a {@link LearningRateSchedule}). */
    public void step(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        }
        t++;
        double bc1 = 1.0 - Math.pow(config.beta1(), t);
        double bc2 = 1.0 - Math.pow(config.beta2(), t);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1.0 / Math.sqrt(bc2));
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        float eps = (float) config.epsilon();
        AdamConfig.WeightDecay mode = config.decayMode();
        float l2 = mode == AdamConfig.WeightDecay.L2 ? (float) config.weightDecay() : 0f;
        float shrink = mode == AdamConfig.WeightDecay.DECOUPLED
                ? (float) (1.0 - lr * config.weightDecay()) : 1f;
        for (int p = 0; p < m.length; p++) {
            update(params.get(p), m[p], v[p], b1, b2, eps, stepSize, invSqrtBc2, l2, shrink);
        }
    }

    private static void update(Param p, float[] m, float[] v, float b1, float b2, float eps,
                               float stepSize, float invSqrtBc2, float l2, float shrink) {
        Matrix value = p.value();
        Matrix grad = p.grad();
        Ops.kernels().adam(m.length, value.data(), value.offset(), grad.data(), grad.offset(),
                m, 0, v, 0, b1, b2, eps, stepSize, invSqrtBc2, l2, shrink);
    }

    /**
     * The optimiser's state, copied: step count and the first and second moments of every
     * parameter (in {@code params} order). For checkpoints.
     */
    public record State(int steps, float[][] m, float[][] v) {
    }

    /** A copy of the current state. */
    public State state() {
        float[][] mc = new float[m.length][];
        float[][] vc = new float[v.length][];
        for (int p = 0; p < m.length; p++) {
            mc[p] = m[p].clone();
            vc[p] = v[p].clone();
        }
        return new State(t, mc, vc);
    }

    /** Restores a state taken from an optimiser over parameters of the same shapes. */
    public void restore(State s) {
        if (s.m().length != m.length) {
            throw new IllegalArgumentException("optimiser state for " + s.m().length
                    + " parameters, this optimiser has " + m.length);
        }
        for (int p = 0; p < m.length; p++) {
            if (s.m()[p].length != m[p].length || s.v()[p].length != v[p].length) {
                throw new IllegalArgumentException("optimiser state for parameter " + p
                        + " has " + s.m()[p].length + " values, expected " + m[p].length);
            }
            System.arraycopy(s.m()[p], 0, m[p], 0, m[p].length);
            System.arraycopy(s.v()[p], 0, v[p], 0, v[p].length);
        }
        t = s.steps();
    }
}
