package org.sbi4j.npe;

import org.sbi4j.data.XPreprocessing;
import org.sbi4j.posterior.AutoEmbedding;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.train.TrainingConfig;

/**
 * What an NPE run trains and how: a value, changed with the {@code with…} methods.
 * <pre>{@code
 * NpeSettings s = NpeSettings.auto()                              // data-driven defaults
 *         .withTraining(TrainingConfig.DEFAULTS.withMaxEpochs(200))
 *         .withEstimator(EstimatorSpec.defaults("maf").withEnsemble(3));
 * }</pre>
 *
 * @param estimator     architecture (default: sbi's NSF)
 * @param training      training settings (default: sbi's, with the batch size and learning rate
 *                      chosen from the number of training pairs below 4,000 simulations:
 *                      {@link TrainingConfig#smallBudgetScale})
 * @param referenceRows standardised training x rows kept in the posterior for misspecification
 *                      checks (default 2,000)
 * @param balance       λ of the balanced NPE loss ({@link org.sbi4j.train.BalancedLoss}); 0 (the
 *                      default) trains on the plain negative log-likelihood
 * @param preprocessing how x is transformed before z-scoring: {@code AUTO} chooses log1p for
 *                      skewed non-negative columns ({@link XPreprocessing}), {@code NONE}
 *                      z-scores only (sbi)
 */
public record NpeSettings(EstimatorSpec estimator, TrainingConfig training, int referenceRows,
                          double balance, XPreprocessing.Mode preprocessing) {

    public NpeSettings {
        if (estimator == null || training == null || preprocessing == null) {
            throw new IllegalArgumentException("estimator, training and preprocessing settings"
                    + " are needed");
        }
        if (referenceRows < 0) {
            throw new IllegalArgumentException("reference rows must be >= 0, got " + referenceRows);
        }
        if (!(balance >= 0) || Double.isInfinite(balance)) {
            throw new IllegalArgumentException("the balance weight must be >= 0 and finite, got "
                    + balance);
        }
    }

    /**
     * sbi's plain behaviour (the {@code sbi} preset): NSF with sbi's defaults and sbi's training
     * ({@link TrainingConfig#SBI}: batch 200, learning rate 5e-4 at every budget), x z-scored,
     * no embedding.
     */
    public static NpeSettings defaults() {
        return new NpeSettings(EstimatorSpec.of(org.sbi4j.flows.NsfSettings.defaults()),
                TrainingConfig.SBI, 2000, 0, XPreprocessing.Mode.NONE);
    }

    /**
     * The data-driven defaults (the {@code auto} preset, the default of {@link Npe#builder}):
     * sbi's NSF; training with sbi's settings from 4,000 simulations and smaller batches with
     * larger steps below ({@link TrainingConfig#DEFAULTS}, the small-budget rule); x
     * preprocessing chosen from the training data ({@link XPreprocessing}), parameters with a
     * one-sided prior learnt in log space, and the embedding network chosen from the x shape
     * and kind ({@link AutoEmbedding}), and an ensemble of
     * {@value EstimatorSpec#SMALL_BUDGET_ENSEMBLE} networks below 4,000 simulations
     * ({@link EstimatorSpec#membersFor}); the run reports the choices
     * ({@link NpeResult#choices()}).
     */
    public static NpeSettings auto() {
        NpeSettings d = defaults();
        return d.withEstimator(d.estimator().withEmbedding(new AutoEmbedding())
                        .withEnsemble(EstimatorSpec.AUTO_ENSEMBLE))
                .withTraining(TrainingConfig.DEFAULTS)
                .withPreprocessing(XPreprocessing.Mode.AUTO);
    }

    /** Patience of {@link #calibrated()}: epochs without a validation improvement. */
    public static final int CALIBRATED_STOP_AFTER_EPOCHS = 100;
    /** Members of {@link #calibrated()}. */
    public static final int CALIBRATED_ENSEMBLE = 5;

    /**
     * Settings for honest uncertainty at small budgets, at about 10× the training time of
     * {@link #defaults()}: an ensemble of {@value #CALIBRATED_ENSEMBLE} NSFs (sbi's
     * architecture), each trained until {@value #CALIBRATED_STOP_AFTER_EPOCHS} epochs pass
     * without a validation improvement (sbi's other training defaults).
     *
     * <p>Why: at 10,000 simulations and batch 200 an epoch is 45 steps, so sbi's patience of 20
     * epochs often stops on validation noise before the fit has converged (training and
     * validation losses still equal); trained longer, single networks fit better but become
     * over-confident, and a mixture of independently trained members removes most of the
     * over-confidence of each (Lakshminarayanan et al. 2017; Hermans et al. 2022 recommend
     * ensembles for conservative NPE), while a mixture of members stopped early is too wide. On
     * two moons at 10,000 simulations this passed SBC with the joint log-density rank
     * (N = L = 1,000) for all 5 training seeds on 2 sets of test pairs each, where the defaults
     * pass for 2 of 5 (docs/benchmarks.md, "Calibration of NPE").
     */
    public static NpeSettings calibrated() {
        NpeSettings d = defaults();
        return d.withEstimator(d.estimator().withEnsemble(CALIBRATED_ENSEMBLE))
                .withTraining(d.training().withStopAfterEpochs(CALIBRATED_STOP_AFTER_EPOCHS));
    }

    public NpeSettings withEstimator(EstimatorSpec e) {
        return new NpeSettings(e, training, referenceRows, balance, preprocessing);
    }

    public NpeSettings withTraining(TrainingConfig t) {
        return new NpeSettings(estimator, t, referenceRows, balance, preprocessing);
    }

    /** Balanced NPE with penalty weight λ (0: off; Delaunoy et al. use 100). */
    public NpeSettings withBalance(double lambda) {
        return new NpeSettings(estimator, training, referenceRows, lambda, preprocessing);
    }

    /** How x is preprocessed before z-scoring. */
    public NpeSettings withPreprocessing(XPreprocessing.Mode mode) {
        return new NpeSettings(estimator, training, referenceRows, balance, mode);
    }
}
