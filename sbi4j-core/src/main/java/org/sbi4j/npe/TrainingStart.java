package org.sbi4j.npe;

import org.sbi4j.data.ThetaRegression;
import org.sbi4j.train.AtomicLoss;

/**
 * How a training starts and what it minimises: {@code warm}, the posterior of a warm start
 * whose weights, standardisation and θ regression are kept (null: a new network,
 * standardisers fitted on the training split); {@code atoms}, the atoms of APT's
 * {@link AtomicLoss} (0: the standard loss); {@code thetaRegression}, whether the auto
 * preset may fit its {@link ThetaRegression} (false in every round of APT, see
 * {@link NpeTraining#train}).
 */
record TrainingStart(org.sbi4j.posterior.Posterior warm, int atoms, boolean thetaRegression) {

    static final TrainingStart NEW = new TrainingStart(null, 0, true);

    TrainingStart {
        if (atoms != 0 && atoms < 2) {
            throw new IllegalArgumentException("the atomic loss needs at least 2 atoms, got "
                    + atoms);
        }
    }
}
