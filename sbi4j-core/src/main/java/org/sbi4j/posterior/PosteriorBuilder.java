package org.sbi4j.posterior;

import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * Assembles a {@link Posterior} from a trained estimator and what is needed to use it on the
 * original scales: the standardisers of θ (dθ values) and of x (dx values), the parameter space
 * (dθ names and bounds) and the provenance; optionally reference rows of standardised training x
 * (r×dx) for misspecification checks. An immutable value: every call returns a new builder, in
 * any order; {@link #build()} checks that the required parts were given and that their
 * dimensions agree.
 *
 * <pre>{@code
 * Posterior p = PosteriorBuilder.of(estimator, spec, new int[] {dx})
 *         .standardizers(zTheta, zX)
 *         .parameters(ParameterSpace.ofInterest(prior))
 *         .provenance(Provenance.of(seed, settings))
 *         .referenceX(someStandardizedTrainingRows)    // optional
 *         .build();
 * }</pre>
 * {@link org.sbi4j.npe.Npe} builds its posteriors this way; model files are read by
 * {@link PosteriorFiles}.
 */
public final class PosteriorBuilder {

    private final ConditionalDensityEstimator estimator;
    private final EstimatorSpec spec;
    private final int[] xShape;
    private final Standardizer theta;
    private final Standardizer x;
    private final ParameterSpace space;
    private final Provenance provenance;
    private final Matrix referenceX;
    private final org.sbi4j.data.ThetaRegression regression;

    private PosteriorBuilder(ConditionalDensityEstimator estimator, EstimatorSpec spec,
                             int[] xShape, Standardizer theta, Standardizer x,
                             ParameterSpace space, Provenance provenance, Matrix referenceX,
                             org.sbi4j.data.ThetaRegression regression) {
        this.estimator = estimator;
        this.spec = spec;
        this.xShape = xShape;
        this.theta = theta;
        this.x = x;
        this.space = space;
        this.provenance = provenance;
        this.referenceX = referenceX;
        this.regression = regression;
    }

    /**
     * A posterior of {@code estimator} (trained on standardised θ and x), built from
     * {@code spec} (recorded so a model file can rebuild it), for x of logical shape
     * {@code xShape} (product = dx).
     */
    public static PosteriorBuilder of(ConditionalDensityEstimator estimator, EstimatorSpec spec,
                                      int[] xShape) {
        require(estimator, "the estimator");
        require(spec, "the estimator spec");
        require(xShape, "the x shape");
        for (int s : xShape) {
            if (s < 1) {
                throw new IllegalArgumentException("every x shape entry must be >= 1, got "
                        + java.util.Arrays.toString(xShape));
            }
        }
        return new PosteriorBuilder(estimator, spec, xShape.clone(), null, null, null, null,
                null, null);
    }

    /** The standardisers of θ (the parameters of interest) and of x (required). */
    public PosteriorBuilder standardizers(Standardizer theta, Standardizer x) {
        return new PosteriorBuilder(estimator, spec, xShape, require(theta, "the θ standardizer"),
                require(x, "the x standardizer"), space, provenance, referenceX, regression);
    }

    /** Parameter names and support bounds, in θ order (required). */
    public PosteriorBuilder parameters(ParameterSpace parameters) {
        return new PosteriorBuilder(estimator, spec, xShape, theta, x,
                require(parameters, "the parameter space"), provenance, referenceX, regression);
    }

    /** Seed, library version and settings (required). */
    public PosteriorBuilder provenance(Provenance p) {
        return new PosteriorBuilder(estimator, spec, xShape, theta, x, space,
                require(p, "the provenance"), referenceX, regression);
    }

    /**
     * Standardised training x rows (r×dx, a few thousand suffice; copied by {@link #build()})
     * against which observations are checked for misspecification. Optional: without them
     * {@link ConditionedPosterior#misspecification()} has no reference.
     */
    public PosteriorBuilder referenceX(Matrix rows) {
        return new PosteriorBuilder(estimator, spec, xShape, theta, x, space, provenance,
                require(rows, "the reference x rows"), regression);
    }

    /**
     * The linear pre-conditioning of standardised θ on standardised x the estimator was trained
     * under (its θ are the residuals; {@link org.sbi4j.data.ThetaRegression}). Optional.
     */
    public PosteriorBuilder thetaRegression(org.sbi4j.data.ThetaRegression r) {
        return new PosteriorBuilder(estimator, spec, xShape, theta, x, space, provenance,
                referenceX, require(r, "the θ regression"));
    }

    /**
     * The posterior.
     *
     * @throws IllegalArgumentException if a required part is missing or the parts disagree on
     *                                  the θ or x dimension
     */
    public Posterior build() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (theta == null) {
            missing.add("standardizers(θ, x)");
        }
        if (space == null) {
            missing.add("parameters(ParameterSpace)");
        }
        if (provenance == null) {
            missing.add("provenance(Provenance)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("a posterior needs " + String.join(", ", missing)
                    + " before build()");
        }
        return new Posterior(estimator, spec, xShape, theta, x, space, provenance, referenceX,
                regression);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
