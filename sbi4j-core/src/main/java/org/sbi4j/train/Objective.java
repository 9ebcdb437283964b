package org.sbi4j.train;

import org.sbi4j.data.Dataset;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Param;

/**
 * The objective the {@link Trainer} minimises, evaluated on a whole data set:
 * <pre>
 *   J(w) = −(1/N)·Σᵢ log q_w(θᵢ | xᵢ) + (λ/2)·‖w‖²     (L2 weight decay, decoupled = false)
 * </pre>
 * With N pairs, N·J(w) = −log p(D | w) − log N(w; 0, (N·λ)⁻¹·I) + const, so minimising J is
 * maximum-a-posteriori estimation of the weights under an isotropic Gaussian prior with
 * precision N·λ (MacKay 1992): weight decay is a prior, and the trained weights are MAP weights.
 * AdamW's decoupled decay is not of this form; for it (and for λ = 0) J is the plain mean
 * negative log-likelihood.
 */
public final class Objective {

    private Objective() {
    }

    /** J(w) for the estimator's current weights on {@code data} (θ and x as trained). */
    public static double value(ConditionalDensityEstimator estimator, Dataset data,
                               TrainingConfig config) {
        double nll = new Validator(estimator, data).loss();
        if (config.weightDecay() == 0 || config.decoupled()) {
            return nll;
        }
        double sq = 0;
        for (Param p : estimator.params()) {
            for (float v : p.value().toArray()) {
                sq += (double) v * v;
            }
        }
        return nll + 0.5 * config.weightDecay() * sq;
    }
}
