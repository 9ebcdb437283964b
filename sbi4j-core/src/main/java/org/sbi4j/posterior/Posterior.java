package org.sbi4j.posterior;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.Standardizer;
import org.sbi4j.data.ThetaRegression;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.ConditionalDensityEstimator.Workspace;
import org.sbi4j.tensor.Matrix;

/**
 * An amortised posterior q(θ | x): a trained conditional density estimator on standardised θ and
 * x, its architecture, the two standardisers, the parameter space (names and the prior's
 * support, outside which samples are rejected) and the provenance. Immutable; queries are
 * thread-safe, from any number of threads at once, in bounded memory: a query leases one of at
 * most {@link #workspaces()} inference workspaces ({@value #WORKSPACE_ROWS} rows each; default
 * one per available processor, {@link #withWorkspaces} to change it) for its duration and gives
 * it back, so a posterior served from a thread pool of any size keeps at most that many (queries
 * beyond it wait for a free one). Results do not depend on which workspace a query got.
 *
 * <p>Densities are on the original θ scale: log q(θ | x) = log q_z(z_θ | z_x) + log|det ∂z_θ/∂θ|,
 * the last term being {@link Standardizer#logAbsDet()} (Σ −log σ_j).
 *
 * <p>With nuisance parameters, θ here holds the parameters of interest only: the estimator was
 * trained on (θ_interest, x) pairs whose x were simulated with nuisance values ν drawn from their
 * prior, i.e. on samples of p(θ_interest, x) = ∫ p(θ_interest, ν) p(x | θ_interest, ν) dν. The
 * maximum-likelihood fit therefore targets p(θ_interest | x) = ∫ p(θ_interest, ν | x) dν: the
 * marginal posterior, with the nuisance likelihood integrated out by simulation.
 */
public final class Posterior {

    private final ConditionalDensityEstimator estimator;
    private final EstimatorSpec spec;
    private final int[] xShape;
    private final Standardizer theta;
    private final Standardizer x;
    private final ParameterSpace space;
    private final Provenance provenance;
    private final Matrix referenceX;
    /** Linear pre-conditioning of θ on x, or null. */
    private final ThetaRegression regression;
    /** The inference workspaces the queries lease, shared by every thread. */
    private final WorkspacePool workspaces;

    /**
     * @param estimator  the trained estimator (θ and x on the standardised scales)
     * @param spec       its architecture (to rebuild it from a model file)
     * @param xShape     logical shape of x (product = x dimension)
     * @param theta      standardiser of θ (parameters of interest)
     * @param x          standardiser of x
     * @param space      parameter names and support
     * @param provenance seed, version and settings
     * @param referenceX a sample of standardised training x rows for misspecification checks
     *                   (a few thousand rows suffice), or null
     * @param regression linear pre-conditioning of standardised θ on standardised x (the
     *                   estimator's θ are its residuals), or null
     * @see PosteriorBuilder the public way to assemble one
     */
    Posterior(ConditionalDensityEstimator estimator, EstimatorSpec spec, int[] xShape,
                     Standardizer theta, Standardizer x, ParameterSpace space,
                     Provenance provenance, Matrix referenceX, ThetaRegression regression) {
        this(estimator, spec, xShape, theta, x, space, provenance, referenceX, regression, null);
    }

    /** As the constructor above, without a θ regression. */
    Posterior(ConditionalDensityEstimator estimator, EstimatorSpec spec, int[] xShape,
              Standardizer theta, Standardizer x, ParameterSpace space, Provenance provenance,
              Matrix referenceX) {
        this(estimator, spec, xShape, theta, x, space, provenance, referenceX, null, null);
    }

    /** As the other constructor, sharing {@code pool} (null: a new pool of the default size). */
    private Posterior(ConditionalDensityEstimator estimator, EstimatorSpec spec, int[] xShape,
                      Standardizer theta, Standardizer x, ParameterSpace space,
                      Provenance provenance, Matrix referenceX, ThetaRegression regression,
                      WorkspacePool pool) {
        int d = estimator.thetaSize();
        if (theta.dim() != d || space.dim() != d) {
            throw new IllegalArgumentException("posterior parts disagree on the θ dimension: "
                    + "estimator " + d + ", standardiser " + theta.dim() + ", parameters "
                    + space.dim());
        }
        int xDim = 1;
        for (int s : xShape) {
            xDim *= s;
        }
        if (x.dim() != xDim || estimator.contextSize() != xDim) {
            throw new IllegalArgumentException("posterior parts disagree on the x dimension: "
                    + "shape product " + xDim + ", standardiser " + x.dim() + ", estimator "
                    + estimator.contextSize());
        }
        if (referenceX != null && referenceX.cols() != xDim) {
            throw new IllegalArgumentException("reference x rows have " + referenceX.cols()
                    + " columns, x has " + xDim);
        }
        this.estimator = estimator;
        this.spec = spec;
        this.xShape = xShape.clone();
        this.theta = theta;
        this.x = x;
        this.space = space;
        this.provenance = provenance;
        if (regression != null && (regression.dim() != d || regression.xDim() != xDim)) {
            throw new IllegalArgumentException("the θ regression is for " + regression.dim()
                    + " parameters and x of " + regression.xDim() + " values, the posterior has "
                    + d + " and " + xDim);
        }
        this.referenceX = referenceX == null ? null : referenceX.copy();
        this.regression = regression;
        this.workspaces = pool != null ? pool
                : new WorkspacePool(DEFAULT_WORKSPACES, () -> estimator.workspace(WORKSPACE_ROWS));
    }

    /** Default number of inference workspaces: one per available processor. */
    public static final int DEFAULT_WORKSPACES = Runtime.getRuntime().availableProcessors();

    /**
     * Rows of an inference workspace: enough for efficient matrix products, small enough to keep
     * (a spline flow's buffers take ~35 KB per row). Larger requests are processed in chunks of
     * this size.
     */
    public static final int WORKSPACE_ROWS = 1024;

    /**
     * An inference workspace ({@link #WORKSPACE_ROWS} rows) for the calling query, to close when
     * it is done (try-with-resources): workspaces are created on first need and reused, since
     * allocating one per query cost more than the query itself (tens of MB zeroed per call). A
     * query called inside another on the same thread gets the same workspace, so it must not
     * hold buffers of it across that call.
     */
    WorkspacePool.Lease lease() {
        return workspaces.lease();
    }

    /** Most inference workspaces this posterior keeps (the bound on its memory). */
    public int workspaces() {
        return workspaces.capacity();
    }

    /** Inference workspaces created so far (at most {@link #workspaces()}). */
    public int workspacesCreated() {
        return workspaces.created();
    }

    /**
     * This posterior with its own pool of at most {@code n} inference workspaces: at most n
     * queries compute at once, the others wait; memory is bounded by n workspaces.
     */
    public Posterior withWorkspaces(int n) {
        return new Posterior(estimator, spec, xShape, theta, x, space, provenance, referenceX,
                regression, new WorkspacePool(n, () -> estimator.workspace(WORKSPACE_ROWS)));
    }

    /** The posterior for one observation x_o (length {@link #xDim()}). */
    public ConditionedPosterior at(float[] observation) {
        return new ConditionedPosterior(this, observation);
    }

    /** Receives the samples of one observation (a fresh n×dim matrix the receiver may keep). */
    @FunctionalInterface
    public interface SampleSink {
        void accept(int observation, Matrix samples);
    }

    /**
     * Draws n samples for every row of {@code observations} and hands them to {@code sink} in row
     * order, for any number of observations in bounded memory: observations are processed in
     * chunks of at most ⌈{@value #STREAM_ROWS}/n⌉, so only one chunk of samples (about
     * {@value #STREAM_ROWS} rows) is alive at a time besides what the sink keeps. Draws outside
     * the prior's support are replaced by further draws for that observation. No warnings are
     * logged per observation (check {@link ConditionedPosterior#misspecification()} where needed).
     */
    public void sampleEach(Matrix observations, int n, UniformRandomProvider rng,
                           SampleSink sink) {
        if (observations.cols() != xDim()) {
            throw new IllegalArgumentException("observations have " + observations.cols()
                    + " columns, the posterior was trained on x of dimension " + xDim());
        }
        if (n < 1) {
            throw new IllegalArgumentException("samples per observation must be >= 1, got " + n);
        }
        int chunk = Math.max(1, STREAM_ROWS / n);
        try (WorkspacePool.Lease lease = lease()) {
            sampleChunks(observations, n, rng, sink, chunk, lease.workspace());
        }
    }

    private void sampleChunks(Matrix observations, int n, UniformRandomProvider rng,
                              SampleSink sink, int chunk, Workspace ws) {
        Matrix ctx = Matrix.of(chunk, xDim());
        int d = thetaDim();
        for (int from = 0; from < observations.rows(); from += chunk) {
            int m = Math.min(chunk, observations.rows() - from);
            ctx.setRows(m);
            for (int c = 0; c < m; c++) {
                float[] row = observations.row(from + c);
                for (float v : row) {
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException("observation " + (from + c)
                                + " holds the value " + v + "; every value must be finite");
                    }
                }
                x.transform(row, 0, ctx.data(), ctx.rowOffset(c));
            }
            Matrix draws = estimator.sample(n, ctx, rng, ws);
            for (int c = 0; c < m; c++) {
                thetaStandardizerAt(ctx.data(), ctx.rowOffset(c))
                        .inverseInPlace(draws.rowView(c * n, n));
                Matrix out = Matrix.of(n, d);
                int filled = 0;
                for (int s = 0; s < n; s++) {
                    if (inSupport(draws, c * n + s)) {
                        System.arraycopy(draws.data(), draws.rowOffset(c * n + s), out.data(),
                                out.rowOffset(filled++), d);
                    }
                }
                if (filled < n) {
                    Matrix more = at(observations.row(from + c))
                            .sampleWithStats(n - filled, rng, false).samples();
                    System.arraycopy(more.data(), 0, out.data(), out.rowOffset(filled),
                            more.size());
                }
                sink.accept(from + c, out);
            }
        }
    }

    /** Sample rows per chunk in {@link #sampleEach}. */
    public static final int STREAM_ROWS = 8192;

    /** Dimension of θ (parameters of interest). */
    public int thetaDim() {
        return estimator.thetaSize();
    }

    /** Dimension of x. */
    public int xDim() {
        return x.dim();
    }

    public int[] xShape() {
        return xShape.clone();
    }

    public ConditionalDensityEstimator estimator() {
        return estimator;
    }

    public EstimatorSpec spec() {
        return spec;
    }

    /**
     * The θ standardiser fitted on the training pairs; with a {@link #thetaRegression()} the
     * estimator's θ scale for an observation is {@link #thetaStandardizerAt} instead.
     */
    public Standardizer thetaStandardizer() {
        return theta;
    }

    /** The linear pre-conditioning of θ on x, or null (see {@link ThetaRegression}). */
    public ThetaRegression thetaRegression() {
        return regression;
    }

    /**
     * The map from θ to the estimator's scale for the standardised observation at
     * {@code xz[off .. off+xDim)}: the θ standardiser, followed by the regression's residual map
     * when there is one.
     */
    public Standardizer thetaStandardizerAt(float[] xz, int off) {
        return regression == null ? theta : regression.conditioned(theta, xz, off);
    }

    public Standardizer xStandardizer() {
        return x;
    }

    public ParameterSpace space() {
        return space;
    }

    public List<String> names() {
        return space.names();
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Standardised training x rows kept for misspecification checks, or null. */
    public Matrix referenceX() {
        return referenceX;
    }

    /**
     * This posterior with the prior's own support test (see {@link ParameterSpace#withSupport}),
     * for a posterior read from a model file, which keeps only the support box.
     */
    public Posterior withSupport(org.sbi4j.prob.Prior prior) {
        return new Posterior(estimator, spec, xShape, theta, x, space.withSupport(prior),
                provenance, referenceX, regression, workspaces);
    }

    /** True if row i of θ lies in the prior's support (box and, if known, its own test). */
    boolean inSupport(Matrix thetaRows, int i) {
        return space.contains(thetaRows.data(), thetaRows.rowOffset(i));
    }
}
