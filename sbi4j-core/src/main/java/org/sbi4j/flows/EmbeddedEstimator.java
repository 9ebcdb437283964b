package org.sbi4j.flows;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * An estimator whose context is an embedding e = f_φ(x) of the observation, learned jointly:
 * q(θ | x) = q_ψ(θ | f_φ(x)). The loss gradient flows from the estimator's dLoss/dcontext back
 * through the embedding network, so φ and ψ train together on the same maximum-likelihood
 * objective (Radev et al. 2020; Greenberg et al. 2019).
 *
 * <p>Shapes: x is n×{@link #contextSize()} (the embedding's input), e is n×(estimator context).
 * {@link #params()} lists the embedding's parameters, named {@value #EMBEDDING_PREFIX} + their
 * layer names (so they cannot clash with the estimator's), then the estimator's.
 */
public final class EmbeddedEstimator implements ConditionalDensityEstimator {

    /** Prefix of the embedding's parameter names in {@link #params()}. */
    public static final String EMBEDDING_PREFIX = "embedding.";

    private final Layer embedding;
    private final ConditionalDensityEstimator inner;
    private final List<Param> params;

    private EmbeddedEstimator(Layer embedding, ConditionalDensityEstimator inner) {
        this.embedding = embedding;
        this.inner = inner;
        List<Param> p = new ArrayList<>();
        for (Param e : embedding.params()) {
            p.add(new Param(EMBEDDING_PREFIX + e.name(), e.value(), e.grad()));
        }
        p.addAll(inner.params());
        this.params = List.copyOf(p);
    }

    /** q(θ | embedding(x)); the embedding's output size must equal the estimator's context size. */
    public static EmbeddedEstimator of(Layer embedding, ConditionalDensityEstimator estimator) {
        if (embedding.outputSize() != estimator.contextSize()) {
            throw new IllegalArgumentException("embedding network outputs "
                    + embedding.outputSize() + " features, the estimator expects a context of "
                    + estimator.contextSize());
        }
        return new EmbeddedEstimator(embedding, estimator);
    }

    public Layer embedding() {
        return embedding;
    }

    public ConditionalDensityEstimator estimator() {
        return inner;
    }

    @Override
    public int thetaSize() {
        return inner.thetaSize();
    }

    @Override
    public int contextSize() {
        return embedding.inputSize();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    private record Ws(int maxRows, Layer.Workspace embed, Workspace inner, Matrix gradEmbedded)
            implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(maxRows, embedding.workspace(maxRows), inner.workspace(maxRows),
                Matrix.of(maxRows, inner.contextSize()));
    }

    @Override
    public void logProb(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        inner.logProb(theta, embedding.forward(context, ws.embed()), out, ws.inner());
    }

    /** The inner estimator's θ gradient at the embedded context. */
    @Override
    public boolean logProbGradient(Matrix theta, Matrix context, float[] out, Matrix gradTheta,
                                   Workspace workspace) {
        Ws ws = (Ws) workspace;
        return inner.logProbGradient(theta, embedding.forward(context, ws.embed()), out,
                gradTheta, ws.inner());
    }

    /** The inner estimator's validation loss at the embedded context. */
    @Override
    public void validationLoss(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        inner.validationLoss(theta, embedding.forward(context, ws.embed()), out, ws.inner());
    }

    @Override
    public void seedLossNoise(long seed, Workspace workspace) {
        inner.seedLossNoise(seed, ((Ws) workspace).inner());
    }

    /** The inner estimator's (weighted) loss, back through the embedding. */
    @Override
    public float weightedLossAndGradient(Matrix theta, Matrix context, float[] weights,
                                         Matrix gradContext, Workspace workspace) {
        Ws ws = (Ws) workspace;
        ConditionalDensityEstimator.checkWeights(weights, theta.rows());
        Matrix e = embedding.forward(context, ws.embed());
        Matrix ge = ws.gradEmbedded().setRows(theta.rows());
        float loss = inner.weightedLossAndGradient(theta, e, weights, ge, ws.inner());
        Matrix gx = embedding.backward(ge, ws.embed());
        if (gradContext != null) {
            gradContext.copyFrom(gx);
        }
        return loss;
    }

    @Override
    public Samples sampleAndLogProb(int perContext, Matrix contexts, UniformRandomProvider rng,
                                    Workspace workspace) {
        Ws ws = (Ws) workspace;
        return inner.sampleAndLogProb(perContext, embed(contexts, ws), rng, ws.inner());
    }

    /** e = f(x) for any number of rows (chunked by the workspace size). */
    private Matrix embed(Matrix contexts, Ws ws) {
        if (contexts.rows() <= ws.maxRows()) {
            return embedding.forward(contexts, ws.embed());
        }
        Matrix e = Matrix.of(contexts.rows(), embedding.outputSize());
        for (int from = 0; from < contexts.rows(); from += ws.maxRows()) {
            int m = Math.min(ws.maxRows(), contexts.rows() - from);
            e.rowView(from, m).copyFrom(embedding.forward(contexts.rowView(from, m), ws.embed()));
        }
        return e;
    }
}
