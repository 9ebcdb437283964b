package org.sbi4j.nle;

import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * A trained likelihood estimator q(x | θ): a conditional density over z-scored x
 * (z_x = (x − μ_x)/σ_x) with z-scored θ as context, so
 * log q(x | θ) = log q_z(z_x(x) | z_θ(θ)) − Σ_j log σ_{x,j}.
 *
 * <p>It is stored as a {@link Posterior} with the roles swapped (its "θ" is x, its "x" is θ),
 * which gives model files and their checks for free: {@link #model()} is that object and
 * {@link org.sbi4j.posterior.PosteriorFiles} saves and loads it. Do not sample it as a
 * posterior; use {@link #posterior}.
 */
public final class Likelihood {

    private final Posterior model;

    /** The likelihood held by a swapped-roles model (as {@link NleTraining} builds it). */
    public Likelihood(Posterior model) {
        if (model == null) {
            throw new IllegalArgumentException("the likelihood model must not be null");
        }
        this.model = model;
    }

    /** The swapped-roles model: "θ" = x (dx), "x" = θ (dθ). */
    public Posterior model() {
        return model;
    }

    /** Dimension of θ (the context). */
    public int thetaDim() {
        return model.xDim();
    }

    /** Dimension of one trial x. */
    public int xDim() {
        return model.thetaDim();
    }

    ConditionalDensityEstimator estimator() {
        return model.estimator();
    }

    /** The z-scoring of x. */
    Standardizer xStandardizer() {
        return model.thetaStandardizer();
    }

    /** The z-scoring of θ. */
    Standardizer thetaStandardizer() {
        return model.xStandardizer();
    }

    /**
     * The posterior p(θ | x_1 … x_T) ∝ p(θ)·∏_t q(x_t | θ) for an observation of T iid
     * trials, one per row (T × {@link #xDim()}, every value finite).
     *
     * @throws IllegalArgumentException if the observation or the prior does not fit
     */
    public LikelihoodPosterior posterior(Prior prior, Matrix trials) {
        return new LikelihoodPosterior(this, prior, trials);
    }

    /**
     * Refuses an observation of the wrong width, without rows, or with a non-finite value
     * (also for the ratio estimators of {@code nre}).
     */
    public static void checkObservation(Matrix trials, int xDim) {
        if (trials == null || trials.rows() < 1) {
            throw new IllegalArgumentException("the observation needs at least one trial (a "
                    + "row of " + xDim + " values)");
        }
        if (trials.cols() != xDim) {
            throw new IllegalArgumentException("the observation's trials have " + trials.cols()
                    + " values; the simulator's x has " + xDim);
        }
        for (int t = 0; t < trials.rows(); t++) {
            for (int j = 0; j < xDim; j++) {
                if (!Float.isFinite(trials.get(t, j))) {
                    throw new IllegalArgumentException("the observation's trial " + t
                            + " has value " + trials.get(t, j) + " at " + j);
                }
            }
        }
    }
}
