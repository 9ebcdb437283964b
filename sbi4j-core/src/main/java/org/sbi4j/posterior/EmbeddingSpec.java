package org.sbi4j.posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.Standardizer;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.ActivationLayer;
import org.sbi4j.nn.AvgPool1d;
import org.sbi4j.nn.Conv1d;
import org.sbi4j.nn.DeepSets;
import org.sbi4j.nn.Dense;
import org.sbi4j.nn.Init;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Mlp;
import org.sbi4j.nn.Sequential;
import org.sbi4j.tensor.Matrix;

/**
 * An embedding network f(x) trained jointly with the density estimator, for high-dimensional or
 * structured x. A record of plain values, so model files store it ({@link RecordCodec}).
 *
 * <ul>
 * <li>{@link Kind#MLP}: in → hidden → outputs.</li>
 * <li>{@link Kind#CONV1D}, for x of shape {L} or {C, L} (channel-major): for each entry of
 *     {@code channels}, a {@link Conv1d} (kernel, stride, padding) and the activation, then
 *     average pooling by 2 after each convolution ({@link Pooling#AVERAGE2}; skipped once the
 *     length is 1) or one global average over time after the last ({@link Pooling#GLOBAL});
 *     then an MLP head flat → hidden → outputs.</li>
 * <li>{@link Kind#DEEPSETS}, for x of shape {T} or {T, d}: T trials of d values, NaN-padded
 *     (see {@link DeepSets}); φ = d → phiHidden → phiOutputs with the activation also after
 *     its last layer, ρ = phiOutputs + 1 (the mean of φ and the share of valid trials) →
 *     hidden → outputs.</li>
 * </ul>
 *
 * @param kind       none, mlp, conv1d or deepsets
 * @param hidden     hidden widths of the MLP (MLP), of the head (CONV1D) or of ρ (DEEPSETS)
 * @param outputs    size of the embedding (the estimator's context)
 * @param activation hidden activation
 * @param channels   output channels of each convolution (CONV1D)
 * @param kernel     kernel size (CONV1D)
 * @param stride     stride, 1 or 2 (CONV1D)
 * @param padding    SAME or VALID (CONV1D)
 * @param pooling    none, average by 2, or global (CONV1D)
 * @param phiHidden  hidden widths of φ (DEEPSETS)
 * @param phiOutputs width of φ's output, the pooled representation (DEEPSETS)
 */
public record EmbeddingSpec(Kind kind, int[] hidden, int outputs, Activation activation,
                            int[] channels, int kernel, int stride, Conv1d.Padding padding,
                            Pooling pooling, int[] phiHidden, int phiOutputs) {

    /** Embedding families. */
    public enum Kind {
        /** x is fed to the estimator directly. */
        NONE,
        /** A multi-layer perceptron. */
        MLP,
        /** 1-D convolutions over a (multi-channel) time series, then an MLP head. */
        CONV1D,
        /** A permutation-invariant set embedding of NaN-padded i.i.d. trials. */
        DEEPSETS;

        public static Kind parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown embedding '" + s + "'; choose "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT), e);
            }
        }
    }

    /** Pooling over time in a {@link Kind#CONV1D} embedding. */
    public enum Pooling {
        /** No pooling: the head sees every time step. */
        NONE,
        /** Average pooling by 2 after each convolution. */
        AVERAGE2,
        /** One mean over time per channel after the last convolution. */
        GLOBAL
    }

    public EmbeddingSpec {
        if (kind == null || activation == null || padding == null || pooling == null) {
            throw new IllegalArgumentException("embedding kind, activation, padding and pooling"
                    + " must not be null");
        }
        hidden = positive("hidden width", hidden);
        channels = positive("convolution channels", channels);
        phiHidden = positive("φ hidden width", phiHidden);
        if (kind != Kind.NONE && outputs < 1) {
            throw new IllegalArgumentException("embedding output size must be positive, got "
                    + outputs);
        }
        if (kind == Kind.CONV1D && (channels.length == 0 || kernel < 1
                || (stride != 1 && stride != 2))) {
            throw new IllegalArgumentException("a conv1d embedding needs at least one layer of"
                    + " channels, a positive kernel and stride 1 or 2; got channels "
                    + Arrays.toString(channels) + ", kernel " + kernel + ", stride " + stride);
        }
        if (kind == Kind.DEEPSETS && phiOutputs < 1) {
            throw new IllegalArgumentException("φ output size must be positive, got "
                    + phiOutputs);
        }
    }

    private static int[] positive(String what, int[] a) {
        if (a == null) {
            throw new IllegalArgumentException(what + "s must not be null");
        }
        for (int v : a) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be positive, got " + v);
            }
        }
        return a.clone();
    }

    /** No embedding. */
    public static EmbeddingSpec none() {
        return new EmbeddingSpec(Kind.NONE, new int[0], 0, Activation.RELU, new int[0], 0, 1,
                Conv1d.Padding.SAME, Pooling.NONE, new int[0], 0);
    }

    /** An MLP embedding with the given hidden widths and output size (ReLU). */
    public static EmbeddingSpec mlp(int[] hidden, int outputs) {
        return new EmbeddingSpec(Kind.MLP, hidden, outputs, Activation.RELU, new int[0], 0, 1,
                Conv1d.Padding.SAME, Pooling.NONE, new int[0], 0);
    }

    /**
     * A 1-D convolutional embedding: convolutions with the given channels (kernel size k,
     * stride 1, SAME padding, ReLU), average pooling by 2 after each, a head with the given
     * hidden widths and output size.
     */
    public static EmbeddingSpec conv1d(int[] channels, int kernel, int[] head, int outputs) {
        return new EmbeddingSpec(Kind.CONV1D, head, outputs, Activation.RELU, channels, kernel, 1,
                Conv1d.Padding.SAME, Pooling.AVERAGE2, new int[0], 0);
    }

    /** This spec with other convolution settings (stride, padding, pooling). */
    public EmbeddingSpec withConvolution(int stride, Conv1d.Padding padding, Pooling pooling) {
        return new EmbeddingSpec(kind, hidden, outputs, activation, channels, kernel, stride,
                padding, pooling, phiHidden, phiOutputs);
    }

    /** This spec with another hidden activation. */
    public EmbeddingSpec withActivation(Activation f) {
        return new EmbeddingSpec(kind, hidden, outputs, f, channels, kernel, stride, padding,
                pooling, phiHidden, phiOutputs);
    }

    /**
     * A DeepSets embedding (ReLU): φ with the given hidden widths and output size, ρ with the
     * given hidden widths and the embedding's output size.
     */
    public static EmbeddingSpec deepSets(int[] phiHidden, int phiOutputs, int[] rhoHidden,
                                         int outputs) {
        return new EmbeddingSpec(Kind.DEEPSETS, rhoHidden, outputs, Activation.RELU, new int[0],
                0, 1, Conv1d.Padding.SAME, Pooling.NONE, phiHidden, phiOutputs);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public int[] phiHidden() {
        return phiHidden.clone();
    }

    /** Equal kinds and settings (arrays compared by content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingSpec e && kind == e.kind && outputs == e.outputs
                && activation == e.activation && kernel == e.kernel && stride == e.stride
                && padding == e.padding && pooling == e.pooling && phiOutputs == e.phiOutputs
                && Arrays.equals(hidden, e.hidden) && Arrays.equals(channels, e.channels)
                && Arrays.equals(phiHidden, e.phiHidden);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, outputs, activation, kernel, stride, padding, pooling,
                phiOutputs, Arrays.hashCode(hidden), Arrays.hashCode(channels),
                Arrays.hashCode(phiHidden));
    }

    @Override
    public String toString() {
        return "EmbeddingSpec[" + RecordCodec.write("", this).toString().replace("{.", "")
                .replace(", .", ", ").replace("}", "") + "]";
    }

    /** True if x may hold NaN padding (a {@link Kind#DEEPSETS} embedding masks it out). */
    public boolean allowsNaNPadding() {
        return kind == Kind.DEEPSETS;
    }

    /**
     * The z-scoring of x fitted on training rows: per column ({@link Standardizer#fit}), except
     * for DEEPSETS, where value j of every trial shares one μ_j, σ_j over the non-NaN trials
     * ({@link Standardizer#fitTrials}), so the standardised trials stay exchangeable.
     */
    public Standardizer fitStandardizer(Matrix x, int[] xShape) {
        return kind == Kind.DEEPSETS ? Standardizer.fitTrials(x, trialDim(xShape))
                : Standardizer.fit(x);
    }

    /** The embedding layer for x of the given shape, or null for {@link Kind#NONE}. */
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        int xDim = 1;
        for (int s : xShape) {
            xDim *= s;
        }
        return switch (kind) {
            case NONE -> null;
            case MLP -> Mlp.of(xDim, hidden, outputs, activation, rng);
            case CONV1D -> buildConv(xShape, rng);
            case DEEPSETS -> buildDeepSets(xShape, rng);
        };
    }

    private Layer buildConv(int[] xShape, UniformRandomProvider rng) {
        if (xShape.length > 2) {
            throw new IllegalArgumentException("a conv1d embedding needs x of shape {length} or"
                    + " {channels, length}, got " + Arrays.toString(xShape));
        }
        int c = xShape.length == 1 ? 1 : xShape[0];
        int l = xShape[xShape.length - 1];
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < channels.length; k++) {
            Conv1d conv = Conv1d.of("conv" + k, c, l, channels[k], kernel, stride, padding,
                    Init.forActivation(activation), rng);
            c = channels[k];
            l = conv.outLength();
            layers.add(conv);
            layers.add(ActivationLayer.of(activation, c * l));
            if ((pooling == Pooling.AVERAGE2 && l >= 2)
                    || (pooling == Pooling.GLOBAL && k == channels.length - 1)) {
                AvgPool1d pool = pooling == Pooling.GLOBAL ? AvgPool1d.global(c, l)
                        : AvgPool1d.of(c, l, 2);
                layers.add(pool);
                l = pool.outLength();
            }
        }
        layers.add(Mlp.of(c * l, hidden, outputs, activation, rng));
        return Sequential.of(layers);
    }

    private Layer buildDeepSets(int[] xShape, UniformRandomProvider rng) {
        int d = trialDim(xShape);
        Layer phi = Sequential.of(mlp("phi", d, phiHidden, phiOutputs, rng),
                ActivationLayer.of(activation, phiOutputs));
        return DeepSets.of(phi, mlp("rho", phiOutputs + 1, hidden, outputs, rng), xShape[0]);
    }

    private static int trialDim(int[] xShape) {
        if (xShape.length > 2) {
            throw new IllegalArgumentException("a deepsets embedding needs x of shape {trials} or"
                    + " {trials, trialDim}, got " + Arrays.toString(xShape));
        }
        return xShape.length == 1 ? 1 : xShape[1];
    }

    /** As {@link Mlp#of} with parameter names prefix.dense<i>k</i>. */
    private Layer mlp(String prefix, int in, int[] widths, int out, UniformRandomProvider rng) {
        List<Layer> layers = new ArrayList<>();
        int prev = in;
        for (int k = 0; k < widths.length; k++) {
            layers.add(Dense.of(prefix + ".dense" + k, prev, widths[k],
                    Init.forActivation(activation), rng));
            layers.add(ActivationLayer.of(activation, widths[k]));
            prev = widths[k];
        }
        layers.add(Dense.of(prefix + ".dense" + widths.length, prev, out, Init.GLOROT_UNIFORM,
                rng));
        return Sequential.of(layers);
    }
}
