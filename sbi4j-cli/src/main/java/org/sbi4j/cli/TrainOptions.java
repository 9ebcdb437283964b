package org.sbi4j.cli;

import java.util.List;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sbi4j.workflow.Estimators;
import org.sbi4j.workflow.Presets;
import picocli.CommandLine.Option;

/** Estimator and training options of {@code train} (defaults: sbi's). */
final class TrainOptions {

    @Option(names = "--estimator", paramLabel = "KIND",
            description = "Any registered estimator kind: nsf, maf, mdn, maf_rqs, flow_stack, fmpe ('sbi4j kinds' lists them) (default: ${DEFAULT-VALUE}).")
    String estimator = "nsf";

    @Option(names = "--hidden-features", paramLabel = "H", description = "Hidden layer width (default: the estimator's).")
    Integer hiddenFeatures;

    @Option(names = "--transforms", paramLabel = "K", description = "Flow transforms, nsf/maf (default: the estimator's).")
    Integer transforms;

    @Option(names = "--bins", paramLabel = "B", description = "Spline bins, nsf only (default: the estimator's).")
    Integer bins;

    @Option(names = "--components", paramLabel = "C", description = "Mixture components, mdn only (default: the estimator's).")
    Integer components;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting of the estimator kind by its snake_case name, e.g. --set tail_bound=4 --set lu_linear=false (repeatable; 'sbi4j kinds' lists them).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--embedding-set", paramLabel = "KEY=VALUE", description = "Any setting of the embedding kind, e.g. --embedding-set channels=8,16 (repeatable).")
    Map<String, String> embeddingSettings = new LinkedHashMap<>();

    @Option(names = "--embedding", paramLabel = "KIND", description = "Embedding network for x: none, mlp, conv1d (cnn), deepsets, cnn2d, set_transformer, transformer, or auto (chosen from the x shape and kind) (default: the preset's: auto with --preset auto, none otherwise).")
    String embedding;

    @Option(names = "--embedding-hidden", split = ",", paramLabel = "H1,H2", description = "MLP embedding hidden widths (default: 50,50).")
    List<Integer> embeddingHidden;

    @Option(names = "--embedding-outputs", paramLabel = "D", description = "MLP embedding output size (default: 20).")
    Integer embeddingOutputs;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "auto: data-driven defaults (below 4,000 simulations smaller batches and larger "
                    + "steps, see --batch-size; log(1 + x) for skewed non-negative x, an "
                    + "embedding chosen from the x shape: cnn2d for images, conv1d for series, "
                    + "deepsets for sets, mlp for vectors of more than 100 values); sbi: sbi's "
                    + "plain defaults (batch 200, learning rate 5e-4); calibrated: sbi's with an ensemble of 5, each trained "
                    + "until 100 epochs bring no improvement (about 10x the training time, for "
                    + "honest uncertainty at small budgets). Options given explicitly override "
                    + "the preset (default: ${DEFAULT-VALUE}).")
    String preset = "auto";

    @Option(names = "--ensemble", paramLabel = "K", description = "Independently trained members (default: the preset's: with auto 5 below 4,000 simulations and 1 from there up, with sbi 1, with calibrated 5).")
    Integer ensemble;

    @Option(names = "--batch-size", paramLabel = "B", description = "Training batch size (default: the "
            + "preset's: with auto sbi's 200 from 4,000 simulations up, down to 50 at 1,000 and"
            + " below; with sbi or calibrated 200).")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam learning rate (default: the "
            + "preset's: with auto sbi's 5e-4 from 4,000 simulations up, up to 2e-3 at 1,000 and"
            + " below; with sbi or calibrated 5e-4).")
    Double learningRate;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Share held out for early stopping (default: ${DEFAULT-VALUE}).")
    double validationFraction = 0.1;

    @Option(names = "--stop-after-epochs", paramLabel = "E", description = "Stop after E epochs without improvement (default: 20, or 100 with --preset calibrated).")
    Integer stopAfterEpochs;

    @Option(names = "--max-epochs", paramLabel = "E", description = "Hard cap on epochs (default: none).")
    Integer maxEpochs;

    @Option(names = "--clip-norm", paramLabel = "C", description = "Gradient norm clipping, <= 0 disables (default: ${DEFAULT-VALUE}).")
    double clipNorm = 5;

    @Option(names = "--weight-decay", paramLabel = "L", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay = 0;

    @Option(names = "--decoupled", description = "AdamW decoupled weight decay instead of an L2 penalty.")
    boolean decoupled;

    @Option(names = "--cosine-epochs", paramLabel = "E",
            description = "Cosine decay of the learning rate to 0 over E epochs (after any "
                    + "warm-up); 0 keeps it constant (default: ${DEFAULT-VALUE}).")
    int cosineEpochs = 0;

    @Option(names = "--warmup-epochs", paramLabel = "E",
            description = "Linear learning-rate warm-up epochs before the cosine decay "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmupEpochs = 0;

    @Option(names = "--balance", paramLabel = "L",
            description = "Balanced NPE with penalty weight L (Delaunoy et al. 2023: 100) for "
                    + "conservative posteriors; 0 trains plain NPE (default: ${DEFAULT-VALUE}).")
    double balance = 0;

    /** The preset's settings, before the explicit options are applied. */
    NpeSettings presetSettings() {
        return preset(preset);
    }

    /** The settings a {@code --preset} name stands for ({@link Presets#of}). */
    static NpeSettings preset(String name) {
        try {
            return Presets.of(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--preset: " + e.getMessage(), e);
        }
    }

    /** Everything: the preset with the explicit options applied. */
    NpeSettings settings() {
        return presetSettings().withEstimator(estimatorSpec()).withTraining(training())
                .withBalance(balance);
    }

    EstimatorSpec estimatorSpec() {
        if (ensemble != null && ensemble < 1) {
            throw new IllegalArgumentException("--ensemble must be at least 1, got " + ensemble);
        }
        // the preset's may be automatic (chosen from the training-set size)
        int k = ensemble != null ? ensemble : presetSettings().estimator().ensemble();
        Map<String, Object> est = new LinkedHashMap<>(settings);
        putIfSet(est, "hidden_features", hiddenFeatures);
        putIfSet(est, "transforms", transforms);
        putIfSet(est, "bins", bins);
        putIfSet(est, "components", components);
        Map<String, Object> emb = new LinkedHashMap<>(embeddingSettings);
        putIfSet(emb, "hidden", embeddingHidden == null ? null : String.join(",",
                embeddingHidden.stream().map(String::valueOf).toList()));
        putIfSet(emb, "outputs", embeddingOutputs);
        EstimatorSpec spec = Estimators.spec(estimator, est, embedding == null ? "none"
                : embedding, emb, k);
        return embedding == null && emb.isEmpty()
                ? spec.withEmbedding(presetSettings().estimator().embedding()) : spec;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.putIfAbsent(key, v);
        }
    }

    TrainingConfig training() {
        int patience = stopAfterEpochs != null ? stopAfterEpochs
                : presetSettings().training().stopAfterEpochs();
        TrainingConfig t = presetSettings().training();
        t = batchSize == null ? t : t.withBatchSize(batchSize);
        t = learningRate == null ? t : t.withLearningRate(learningRate);
        t = t.withValidationFraction(validationFraction)
                .withStopAfterEpochs(patience).withClipNorm(clipNorm)
                .withWeightDecay(weightDecay, decoupled)
                .withCosineSchedule(warmupEpochs, cosineEpochs);
        return maxEpochs == null ? t : t.withMaxEpochs(maxEpochs);
    }
}
