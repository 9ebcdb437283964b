package org.sbi4j.posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.Standardizer;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.ActivationLayer;
import org.sbi4j.nn.DeepSets;
import org.sbi4j.nn.Dense;
import org.sbi4j.nn.Init;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Sequential;
import org.sbi4j.tensor.Matrix;

/**
 * A permutation-invariant set embedding (Zaheer et al. 2017) of x of shape {T} or {T, d}: T
 * i.i.d. trials of d values, NaN-padded (see {@link DeepSets}); registered as "deepsets".
 * φ = d → phiHidden → phiOutputs with the activation also after its last layer, ρ =
 * phiOutputs + 1 (the mean of φ and the share of valid trials) → hidden → outputs. Defaults
 * after sbi's PermutationInvariantEmbedding: φ of 50 → 20, ρ of 50, 20 outputs, ReLU.
 *
 * @param phiHidden  hidden widths of φ
 * @param phiOutputs width of φ's output, the pooled representation
 * @param hidden     hidden widths of ρ
 * @param outputs    size of the embedding
 * @param activation hidden activation
 */
public record DeepSetsEmbedding(List<Integer> phiHidden, int phiOutputs, List<Integer> hidden,
                                int outputs, Activation activation) implements EmbeddingSettings {

    public DeepSetsEmbedding {
        Embeddings.notNull("activation", activation);
        hidden = Embeddings.widths("hidden width", hidden);
        phiHidden = Embeddings.widths("φ hidden width", phiHidden);
        Embeddings.positiveOutputs(outputs);
        if (phiOutputs < 1) {
            throw new IllegalArgumentException("φ output size must be positive, got "
                    + phiOutputs);
        }
    }

    /** φ of 50 → 20, ρ of 50, 20 outputs, ReLU. */
    public static DeepSetsEmbedding defaults() {
        return of(new int[] {50}, 20, new int[] {50}, 20);
    }

    /** The given widths, ReLU. */
    public static DeepSetsEmbedding of(int[] phiHidden, int phiOutputs, int[] rhoHidden,
                                       int outputs) {
        return new DeepSetsEmbedding(Embeddings.list(phiHidden), phiOutputs,
                Embeddings.list(rhoHidden), outputs, Activation.RELU);
    }

    public DeepSetsEmbedding withActivation(Activation f) {
        return new DeepSetsEmbedding(phiHidden, phiOutputs, hidden, outputs, f);
    }

    @Override
    public String kind() {
        return "deepsets";
    }

    /** True: padded trials (NaN) are masked out. */
    @Override
    public boolean allowsNaNPadding() {
        return true;
    }

    /**
     * Value j of every trial shares one μ_j, σ_j over the non-NaN trials
     * ({@link Standardizer#fitTrials}), so the standardised trials stay exchangeable.
     */
    @Override
    public Standardizer fitStandardizer(Matrix x, int[] xShape) {
        return Standardizer.fitTrials(x, trialDim(xShape));
    }

    @Override
    public Layer build(int[] xShape, UniformRandomProvider rng) {
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

    /** As {@link org.sbi4j.nn.Mlp#of} with parameter names prefix.dense<i>k</i>. */
    private Layer mlp(String prefix, int in, List<Integer> widths, int out,
                      UniformRandomProvider rng) {
        List<Layer> layers = new ArrayList<>();
        int prev = in;
        for (int k = 0; k < widths.size(); k++) {
            layers.add(Dense.of(prefix + ".dense" + k, prev, widths.get(k),
                    Init.forActivation(activation), rng));
            layers.add(ActivationLayer.of(activation, widths.get(k)));
            prev = widths.get(k);
        }
        layers.add(Dense.of(prefix + ".dense" + widths.size(), prev, out, Init.GLOROT_UNIFORM,
                rng));
        return Sequential.of(layers);
    }
}
