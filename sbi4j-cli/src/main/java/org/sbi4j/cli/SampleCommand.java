package org.sbi4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.Observations;
import org.sbi4j.workflow.OutputDir;
import org.sbi4j.workflow.Sampling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sbi4j sample --model MODEL --observation FILE --num N --out FILE}: N posterior samples
 * for every observation in FILE, inside the prior's support.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw N posterior samples for each observation (row) of an observation"
                + " file (.csv with a header row, or .npy) and write them to FILE (.csv with the"
                + " parameter names as header, or .npy float32).",
                "With several observations, the output for row k is FILE-k (k from 1) before"
                        + " the extension."})
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model file from 'train'.")
    Path model;

    @Option(names = "--observation", required = true, paramLabel = "FILE",
            description = "Observations, one per row (.csv with header, or .npy).")
    Path observation;

    @Option(names = "--num", paramLabel = "N", description = "Samples per observation (default: ${DEFAULT-VALUE}).")
    int num = 10_000;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .csv or .npy.")
    Path out;

    @Option(names = "--overwrite", description = "Replace existing output files.")
    boolean overwrite;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (num < 1) {
            throw new CommandLine.ParameterException(common.spec.commandLine(),
                    "--num must be at least 1, got " + num);
        }
        Observations.checkSampleFile(out);
        Posterior post = PosteriorFiles.load(model);
        List<float[]> obs = Observations.read(observation, post.xDim());
        for (int k = 1; k <= obs.size(); k++) {
            OutputDir.checkFile(Observations.numbered(out, k, obs.size()), overwrite);
        }
        long seed = common.seed();
        Progress progress = common.progress();
        for (int k = 1; k <= obs.size(); k++) {
            Path file = Observations.numbered(out, k, obs.size());
            Matrix s = Sampling.draw(post.at(obs.get(k - 1)), num, seed, k, progress);
            Observations.writeSamples(file, post.names(), s);
            common.out().println("sample: " + num + " samples for observation " + k + " in "
                    + file + " (seed " + seed + ")");
        }
        common.out().flush();
        return 0;
    }
}
