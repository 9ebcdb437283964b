package org.sbi4j.posterior;

import org.sbi4j.data.Standardizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The posterior q(θ | x_o) for one observation: sampling with rejection outside the prior's
 * support (its box and, when the posterior's {@link ParameterSpace} has it, the prior's own
 * support test), log-densities normalised for the rejected mass, MAP, credible intervals.
 *
 * <p>A flow's density leaks mass outside a bounded prior support; the posterior is q restricted
 * to the support and renormalised: log p̂(θ | x_o) = log q(θ | x_o) − log a(x_o) inside the
 * support (−∞ outside), where a is the acceptance rate, estimated once per conditioned posterior
 * by {@value #ACCEPTANCE_DRAWS} draws from a generator derived from the provenance seed and the
 * observation's bits (so the value is reproducible and uses no global seed).
 */
public final class ConditionedPosterior {

    /** Draws used to estimate the acceptance rate for normalising log-densities. */
    public static final int ACCEPTANCE_DRAWS = 10_000;

    /** Acceptance rate below which sampling warns. */
    public static final double WARN_ACCEPTANCE = 0.01;

    /** Sampling gives up after this many draws per requested sample (acceptance &lt; 1e-4). */
    static final int MAX_DRAWS_PER_SAMPLE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConditionedPosterior.class);
    private static final int CHUNK = 8192;

    private final Posterior posterior;
    private final float[] observation;
    private final Matrix context;
    private volatile double acceptance = Double.NaN;
    private volatile MisspecificationResult misspecification;
    private final Standardizer zTheta;

    ConditionedPosterior(Posterior posterior, float[] observation) {
        if (observation.length != posterior.xDim()) {
            throw new IllegalArgumentException("observation has " + observation.length
                    + " values, the posterior was trained on x of dimension " + posterior.xDim());
        }
        boolean padding = posterior.spec() != null
                && posterior.spec().embedding().allowsNaNPadding();
        for (int j = 0; j < observation.length; j++) {
            if (!Float.isFinite(observation[j]) && !(padding && Float.isNaN(observation[j]))) {
                throw new IllegalArgumentException("observation value " + j + " is "
                        + observation[j] + "; every value must be finite"
                        + (padding ? " or NaN (padding)" : ""));
            }
        }
        boolean[] log1p = posterior.xStandardizer().log1pColumns();
        for (int j = 0; j < observation.length; j++) {
            if (log1p[j] && observation[j] < 0) {
                throw new IllegalArgumentException("observation value " + j + " is "
                        + observation[j] + ", but the model maps that column by log(1 + x): it"
                        + " was trained on non-negative values only (misspecified x?)");
            }
        }
        this.posterior = posterior;
        this.observation = observation.clone();
        this.context = Matrix.of(1, observation.length);
        posterior.xStandardizer().transform(this.observation, 0, context.data(), 0);
        this.zTheta = posterior.thetaStandardizerAt(context.data(), 0);
    }

    /** θ to the estimator's scale at this observation ({@link Posterior#thetaStandardizerAt}). */
    Standardizer thetaStandardizer() {
        return zTheta;
    }

    /** The observation (a copy). */
    public float[] observation() {
        return observation.clone();
    }

    public Posterior posterior() {
        return posterior;
    }

    /** The standardised observation the estimator is conditioned on (a copy). */
    float[] standardizedObservation() {
        return context.row(0);
    }

    /**
     * The result of {@link #sampleWithStats}: samples, the draws examined to obtain them (draws
     * generated in the last batch after the n-th accepted one are not counted) and the
     * acceptance rate samples/proposed (1 when no draw left the support).
     */
    public record Draws(Matrix samples, long proposed, double acceptanceRate) {
    }

    /** n samples from the posterior (rows), each inside the prior's support. */
    public Matrix sample(int n, UniformRandomProvider rng) {
        return sampleWithStats(n, rng).samples();
    }

    /**
     * As {@link #sample}, also reporting how many draws were proposed; logs a warning when the
     * observation lies outside the training data or the acceptance rate is below 1 %.
     */
    public Draws sampleWithStats(int n, UniformRandomProvider rng) {
        return sampleWithStats(n, rng, true);
    }

    /**
     * As {@link #sampleWithStats(int, UniformRandomProvider)}; {@code warn = false} skips the
     * warnings (for diagnostics that sample thousands of simulated observations, a few of
     * which lie in the tails of the training data by design).
     */
    public Draws sampleWithStats(int n, UniformRandomProvider rng, boolean warn) {
        return draw(n, rng, warn, null);
    }

    /** Samples inside the support and log q(θ | x_o) of each (see {@link #sampleAndLogProb}). */
    public record Scored(Matrix samples, double[] unnormalizedLogProb) {
    }

    /**
     * n samples as {@link #sample} (no warnings) with the unnormalised log-density of each, as
     * {@link #unnormalizedLogProb} would give it, computed in the same pass as the sample (the
     * flow's inverse yields log|det J|): half the work of sampling, then evaluating.
     */
    public Scored sampleAndLogProb(int n, UniformRandomProvider rng) {
        double[] lp = new double[Math.max(0, n)];
        return new Scored(draw(n, rng, false, lp).samples(), lp);
    }

    private Draws draw(int n, UniformRandomProvider rng, boolean warn, double[] logProb) {
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
        }
        if (warn) {
            MisspecificationResult m = misspecification();
            if (m != null && m.outside()) {
                LOG.warn(m.verdict());
            }
        }
        try (WorkspacePool.Lease lease = posterior.lease()) {
            return draw(n, rng, warn, logProb, lease.workspace());
        }
    }

    private Draws draw(int n, UniformRandomProvider rng, boolean warn, double[] logProb,
                       ConditionalDensityEstimator.Workspace ws) {
        int d = posterior.thetaDim();
        Matrix out = Matrix.of(n, d);
        ConditionalDensityEstimator est = posterior.estimator();
        boolean perRow = zTheta.hasLogColumns();
        double logDet = perRow ? 0 : zTheta.logAbsDet();
        int filled = 0;
        long proposed = 0;
        long limit = Math.max(1L, (long) n) * MAX_DRAWS_PER_SAMPLE;
        while (filled < n) {
            if (proposed >= limit) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "only %d of %d samples fell inside the prior's support after %d draws "
                                + "(acceptance %.2g); the posterior puts almost all its mass "
                                + "outside the prior: check the observation and the prior",
                        filled, n, proposed, filled / (double) proposed));
            }
            int want = (int) Math.min(Math.min(CHUNK, Math.max(64, n + n / 8)),
                    Math.max((n - filled) + (n - filled) / 8, 64));
            float[] lz = null;
            Matrix z;
            if (logProb == null) {
                z = est.sample(want, context, rng, ws);
            } else {
                ConditionalDensityEstimator.Samples s = est.sampleAndLogProb(want, context, rng, ws);
                z = s.theta();
                lz = s.logProb();
            }
            Matrix theta = zTheta.inverseInPlace(z);
            // count only the draws examined: those after the n-th accepted one are discarded
            // unseen and say nothing about the acceptance rate
            for (int i = 0; i < theta.rows() && filled < n; i++) {
                proposed++;
                if (posterior.inSupport(theta, i)) {
                    if (lz != null) {
                        logProb[filled] = lz[i] + (perRow ? zTheta
                                .logAbsDet(theta.data(), theta.rowOffset(i)) : logDet);
                    }
                    System.arraycopy(theta.data(), theta.rowOffset(i), out.data(),
                            out.rowOffset(filled++), d);
                }
            }
        }
        double rate = n == 0 ? 1.0 : n / (double) proposed;
        if (warn && rate < WARN_ACCEPTANCE) {
            LOG.warn("only {}% of posterior draws fell inside the prior's support; the estimator "
                    + "leaks mass (more simulations or a better-fitting estimator help)",
                    String.format(java.util.Locale.ROOT, "%.2f", 100 * rate));
        }
        return new Draws(out, proposed, rate);
    }

    /**
     * log p̂(θ | x_o) for each row of θ (original scale): the estimator's density renormalised
     * to the prior support, −∞ outside it.
     */
    public double[] logProb(Matrix theta) {
        double[] lp = unnormalizedLogProb(theta);
        double logA = Math.log(acceptanceRate());
        for (int i = 0; i < lp.length; i++) {
            lp[i] -= logA;
        }
        return lp;
    }

    /** log q(θ | x_o) without the support renormalisation (still −∞ outside the support). */
    public double[] unnormalizedLogProb(Matrix theta) {
        int d = posterior.thetaDim();
        if (theta.cols() != d) {
            throw new IllegalArgumentException("theta has " + theta.cols()
                    + " columns, the posterior has " + d + " parameters");
        }
        try (WorkspacePool.Lease lease = posterior.lease()) {
            return unnormalizedLogProb(theta, lease.workspace());
        }
    }

    private double[] unnormalizedLogProb(Matrix theta, ConditionalDensityEstimator.Workspace ws) {
        int d = posterior.thetaDim();
        ConditionalDensityEstimator est = posterior.estimator();
        int chunk = Math.min(ws.maxRows(), Math.max(1, theta.rows()));
        Matrix z = Matrix.of(chunk, d);
        Matrix ctx = Matrix.of(chunk, context.cols());
        for (int i = 0; i < chunk; i++) {
            System.arraycopy(context.data(), 0, ctx.data(), ctx.rowOffset(i), context.cols());
        }
        float[] buf = new float[chunk];
        double[] out = new double[theta.rows()];
        boolean perRow = zTheta.hasLogColumns();
        double logDet = perRow ? 0 : zTheta.logAbsDet();
        for (int from = 0; from < theta.rows(); from += chunk) {
            int m = Math.min(chunk, theta.rows() - from);
            z.setRows(m);
            ctx.setRows(m);
            zTheta.transform(theta.rowView(from, m), z);
            est.logProb(z, ctx, buf, ws);
            for (int i = 0; i < m; i++) {
                out[from + i] = !posterior.inSupport(theta, from + i) ? Double.NEGATIVE_INFINITY
                        : buf[i] + (perRow ? zTheta.logAbsDet(theta.data(),
                        theta.rowOffset(from + i)) : logDet);
            }
        }
        return out;
    }

    /** The share of the estimator's mass inside the prior support (estimated once, cached). */
    public double acceptanceRate() {
        double a = acceptance;
        if (Double.isNaN(a)) {
            a = posterior.space().restricted()
                    ? Acceptance.estimate(posterior, observation, context) : 1.0;
            acceptance = a;
        }
        return a;
    }

    /**
     * How far x_o lies from the simulated x the estimator was trained on (split-conformal test
     * at α = 0.01: Mahalanobis distance of the standardised x_o with the mean and covariance of
     * half the stored training rows, ranked against the other half's distances; the diagonal
     * form when x has more values than that half has rows, see {@link Misspecification#check}),
     * or null when the model keeps no (or fewer than 4) training rows. Sampling logs its verdict
     * as a warning when the observation is outside.
     */
    public MisspecificationResult misspecification() {
        MisspecificationResult m = misspecification;
        // fewer than 4 rows cannot be split into a fitting and a ranked half: no check
        if (m == null && posterior.referenceX() != null && posterior.referenceX().rows() >= 4) {
            m = Misspecification.check(posterior.referenceX(), context.row(0),
                    Misspecification.DEFAULT_LEVEL);
            misspecification = m;
        }
        return m;
    }

    /** Equal-tailed credible intervals for every parameter from {@code samples}. */
    public List<Interval> equalTailedIntervals(Matrix samples, double level) {
        return perParameter(j -> Intervals.equalTailed(samples, j, posterior.names().get(j),
                level));
    }

    /** Highest-density (shortest) marginal intervals for every parameter from {@code samples}. */
    public List<Interval> highestDensityIntervals(Matrix samples, double level) {
        return perParameter(j -> Intervals.highestDensity(samples, j, posterior.names().get(j),
                level));
    }

    /**
     * Highest-density regions of every parameter's marginal from {@code samples}: a union of
     * intervals when a marginal is multimodal (see {@link Intervals#highestDensityRegion}).
     */
    public List<DensityRegion> highestDensityRegions(Matrix samples, double level) {
        return perParameter(j -> Intervals.highestDensityRegion(samples, j,
                posterior.names().get(j), level));
    }

    private <T> List<T> perParameter(java.util.function.IntFunction<T> f) {
        List<T> out = new ArrayList<>();
        for (int j = 0; j < posterior.thetaDim(); j++) {
            out.add(f.apply(j));
        }
        return out;
    }

    /** The maximum a posteriori θ (see {@link MapEstimate}). */
    public double[] map(UniformRandomProvider rng) {
        return MapEstimate.find(this, rng);
    }
}
