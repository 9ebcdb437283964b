package org.sbi4j.posterior;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Layer;

/** No embedding: x is the estimator's context as it is. Registered as "none". */
public record NoEmbedding() implements EmbeddingSettings {

    @Override
    public String kind() {
        return "none";
    }

    /** Always null: there is no layer. */
    @Override
    public Layer build(int[] xShape, UniformRandomProvider rng) {
        return null;
    }
}
