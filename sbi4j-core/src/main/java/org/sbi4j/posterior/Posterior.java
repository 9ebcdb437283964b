package org.sbi4j.posterior;

import java.util.List;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * An amortised posterior q(θ | x): a trained conditional density estimator on standardised θ and
 * x, the two standardisers, the prior's support (samples outside it are rejected), the parameter
 * names and the provenance. Immutable and thread-safe (every query uses its own buffers).
 *
 * <p>Densities are on the original θ scale: log q(θ | x) = log q_z(z_θ | z_x) + log|det ∂z_θ/∂θ|,
 * the last term being {@link Standardizer#logAbsDet()} (Σ −log σ_j).
 *
 * <p>With nuisance parameters, θ here holds the parameters of interest only: the estimator was
 * trained on (θ_interest, x) pairs whose x were simulated with nuisance values drawn from their
 * prior, so q approximates p(θ_interest | x) = ∫ p(θ_interest, ν | x) dν — already marginal.
 */
public final class Posterior {

    private final ConditionalDensityEstimator estimator;
    private final Standardizer theta;
    private final Standardizer x;
    private final List<String> names;
    private final double[] lower;
    private final double[] upper;
    private final Provenance provenance;
    private final Matrix referenceX;

    /**
     * @param estimator the trained estimator (θ and context on the standardised scales)
     * @param theta     standardiser of θ (parameters of interest)
     * @param x         standardiser of x
     * @param names     parameter names, in θ order
     * @param lower     support lower bounds, per parameter
     * @param upper     support upper bounds, per parameter
     * @param provenance seed, version and settings
     * @param referenceX a sample of standardised training x rows (for misspecification
     *                   warnings; a few thousand rows suffice); may be null
     */
    public Posterior(ConditionalDensityEstimator estimator, Standardizer theta, Standardizer x,
                     List<String> names, double[] lower, double[] upper, Provenance provenance,
                     Matrix referenceX) {
        int d = estimator.thetaSize();
        if (theta.dim() != d || names.size() != d || lower.length != d || upper.length != d) {
            throw new IllegalArgumentException("posterior parts disagree on the θ dimension: "
                    + "estimator " + d + ", standardiser " + theta.dim() + ", names "
                    + names.size() + ", bounds " + lower.length + "/" + upper.length);
        }
        if (referenceX != null && referenceX.cols() != x.dim()) {
            throw new IllegalArgumentException("reference x rows have " + referenceX.cols()
                    + " columns, the x standardiser " + x.dim());
        }
        this.estimator = estimator;
        this.theta = theta;
        this.x = x;
        this.names = List.copyOf(names);
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.provenance = provenance;
        this.referenceX = referenceX == null ? null : referenceX.copy();
    }

    /** The posterior for one observation x_o (length {@link #xDim()}). */
    public ConditionedPosterior at(float[] observation) {
        return new ConditionedPosterior(this, observation);
    }

    /** Dimension of θ (parameters of interest). */
    public int thetaDim() {
        return estimator.thetaSize();
    }

    /** Dimension of x. */
    public int xDim() {
        return x.dim();
    }

    public ConditionalDensityEstimator estimator() {
        return estimator;
    }

    public Standardizer thetaStandardizer() {
        return theta;
    }

    public Standardizer xStandardizer() {
        return x;
    }

    public List<String> names() {
        return names;
    }

    public double[] lower() {
        return lower.clone();
    }

    public double[] upper() {
        return upper.clone();
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Standardised training x rows kept for misspecification checks, or null. */
    public Matrix referenceX() {
        return referenceX;
    }

    /** True if row i of θ lies in the prior's support box. */
    boolean inSupport(Matrix thetaRows, int i) {
        float[] a = thetaRows.data();
        int off = thetaRows.rowOffset(i);
        for (int j = 0; j < lower.length; j++) {
            float v = a[off + j];
            if (!(v >= lower[j] && v <= upper[j])) {
                return false;
            }
        }
        return true;
    }
}
