package org.sbi4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sbi4j.examples.TaskExamples;
import org.sbi4j.posterior.EmbeddingKinds;
import org.sbi4j.workflow.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbi4j example NAME --out DIR}: the documented examples (docs/examples/NAME.md), see
 * {@link TaskExamples}.
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run a documented example (lorenz96, galaxy_clustering, "
                + "counting_experiment, banana, galaxy_image) and write samples, plots and summary.md.")
final class ExampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "lorenz96, galaxy_clustering, "
            + "counting_experiment, banana or galaxy_image.")
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--overwrite", description = "Write into a non-empty output folder.")
    boolean overwrite;

    @Option(names = "--num", paramLabel = "N", description = "Simulations (default: per example, "
            + "see docs/examples).")
    Integer num;

    @Option(names = "--max-epochs", paramLabel = "E", description = "Epoch limit (default: none).")
    int maxEpochs = Integer.MAX_VALUE;

    @Option(names = "--samples", paramLabel = "N", description = "Posterior samples for "
            + "observation 1 (default: ${DEFAULT-VALUE}).")
    int samples = 10_000;

    @Option(names = "--embedding", paramLabel = "KIND", description = "galaxy_image only: an "
            + "embedding kind with its defaults instead of the example's cnn2d (pooling=average2, "
            + "channels=8,16,32,32), e.g. none to compare.")
    String embedding;

    @Option(names = "--embedding-set", paramLabel = "KEY=VALUE", description = "galaxy_image only: "
            + "a setting of that kind over its defaults (repeatable; cnn2d if no --embedding), "
            + "e.g. channels=8,16 (keys: sbi4j kinds).")
    java.util.Map<String, String> embeddingSet = new java.util.LinkedHashMap<>();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (!TaskExamples.NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown example '" + name + "'; choose one of "
                    + TaskExamples.NAMES);
        }
        OutputDir.prepare(out, overwrite, ".sbi4j-example");
        TaskExamples.run(name, new TaskExamples.Settings(out, common.seed(), common.threads(),
                common.progress(), num, maxEpochs, samples, embedding()), common.out());
        return 0;
    }

    private org.sbi4j.posterior.EmbeddingSettings embedding() {
        if (embedding == null && embeddingSet.isEmpty()) {
            return null;
        }
        return EmbeddingKinds.bind(embedding == null ? "cnn2d" : embedding, embeddingSet);
    }
}
