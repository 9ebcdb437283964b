package org.sbi4j.posterior;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * An equal-weight mixture of K independently trained estimators (a deep ensemble,
 * Lakshminarayanan et al. 2017): q(θ | x) = (1/K)·Σ_k q_k(θ | x). Sampling picks a member
 * uniformly per draw; log q = logsumexp_k(log q_k) − log K.
 *
 * <p>Members are trained one by one (each with its own seed); the mixture itself is not trained,
 * so {@link #lossAndGradient} is not supported. {@link #params()} lists every member's
 * parameters in turn (the same values and gradients), named "member<i>k</i>." + their name so
 * that names are unique across the ensemble.
 */
public final class Ensemble implements ConditionalDensityEstimator {

    /** "member<i>k</i>.": the prefix of member k's parameter names in {@link #params()}. */
    public static String memberPrefix(int k) {
        return "member" + k + ".";
    }

    private final List<ConditionalDensityEstimator> members;
    private final List<Param> params;

    private Ensemble(List<ConditionalDensityEstimator> members) {
        this.members = List.copyOf(members);
        List<Param> p = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            for (Param q : members.get(k).params()) {
                p.add(new Param(memberPrefix(k) + q.name(), q.value(), q.grad()));
            }
        }
        this.params = List.copyOf(p);
    }

    /** The mixture of the given members (same θ and context sizes). */
    public static Ensemble of(List<? extends ConditionalDensityEstimator> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        ConditionalDensityEstimator first = members.get(0);
        for (ConditionalDensityEstimator m : members) {
            if (m.thetaSize() != first.thetaSize() || m.contextSize() != first.contextSize()) {
                throw new IllegalArgumentException("ensemble members disagree on sizes: θ "
                        + m.thetaSize() + " vs " + first.thetaSize() + ", context "
                        + m.contextSize() + " vs " + first.contextSize());
            }
        }
        return new Ensemble(new ArrayList<>(members));
    }

    public List<ConditionalDensityEstimator> members() {
        return members;
    }

    @Override
    public int thetaSize() {
        return members.get(0).thetaSize();
    }

    @Override
    public int contextSize() {
        return members.get(0).contextSize();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    private record Ws(int maxRows, Workspace[] members, float[][] logProbs) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        Workspace[] w = new Workspace[members.size()];
        float[][] lp = new float[members.size()][maxRows];
        for (int k = 0; k < w.length; k++) {
            w[k] = members.get(k).workspace(maxRows);
        }
        return new Ws(maxRows, w, lp);
    }

    @Override
    public void logProb(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int k = members.size();
        for (int m = 0; m < k; m++) {
            members.get(m).logProb(theta, context, ws.logProbs()[m], ws.members()[m]);
        }
        double logK = Math.log(k);
        for (int i = 0; i < theta.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                max = Math.max(max, ws.logProbs()[m][i]);
            }
            double s = 0;
            for (int m = 0; m < k && max > Double.NEGATIVE_INFINITY; m++) {
                s += Math.exp(ws.logProbs()[m][i] - max);
            }
            out[i] = max == Double.NEGATIVE_INFINITY ? Float.NEGATIVE_INFINITY
                    : (float) (max + Math.log(s) - logK);
        }
    }

    @Override
    public float lossAndGradient(Matrix theta, Matrix context, Matrix gradContext,
                                 Workspace workspace) {
        throw new UnsupportedOperationException("an ensemble is trained member by member");
    }

    @Override
    public Samples sampleAndLogProb(int perContext, Matrix contexts, UniformRandomProvider rng,
                                    Workspace workspace) {
        Ws ws = (Ws) workspace;
        int k = members.size();
        int n = contexts.rows() * perContext;
        // draw every member's samples, then pick one member per draw (uniformly)
        Samples[] all = new Samples[k];
        for (int m = 0; m < k; m++) {
            all[m] = members.get(m).sampleAndLogProb(perContext, contexts, rng, ws.members()[m]);
        }
        Matrix theta = Matrix.of(n, thetaSize());
        for (int i = 0; i < n; i++) {
            int m = rng.nextInt(k);
            System.arraycopy(all[m].theta().data(), all[m].theta().rowOffset(i), theta.data(),
                    theta.rowOffset(i), thetaSize());
        }
        float[] lp = new float[n];
        Matrix ctx = Matrix.of(Math.min(n, ws.maxRows()), contexts.cols());
        float[] buf = new float[ctx.rows()];
        for (int from = 0; from < n; from += ctx.rows()) {
            int rows = Math.min(ctx.rows(), n - from);
            ctx.setRows(rows);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(contexts.data(), contexts.rowOffset((from + r) / perContext),
                        ctx.data(), ctx.rowOffset(r), contexts.cols());
            }
            logProb(theta.rowView(from, rows), ctx, buf, workspace);
            System.arraycopy(buf, 0, lp, from, rows);
        }
        return new Samples(theta, lp);
    }
}
