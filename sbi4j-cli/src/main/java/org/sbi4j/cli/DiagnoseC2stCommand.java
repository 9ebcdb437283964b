package org.sbi4j.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.diagnostics.C2stResult;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.JsonFiles;
import org.sbi4j.workflow.Observations;
import org.sbi4j.workflow.OutputDir;
import org.sbi4j.workflow.SeedStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sbi4j diagnose c2st A B}: classifier two-sample test between two sample files. */
@Command(name = "c2st", mixinStandardHelpOptions = true,
        description = "Classifier two-sample test (sbibm's C2ST): cross-validated accuracy of a"
                + " classifier telling the samples in A from those in B (.csv or .csv.gz with header, or"
                + " .npy); 0.5 means indistinguishable, 1.0 completely different.")
final class DiagnoseC2stCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "Reference samples, e.g. a reference posterior.")
    Path reference;

    @Parameters(index = "1", paramLabel = "B", description = "Samples to compare, e.g. from 'sample'.")
    Path samples;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the result as JSON.")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out file.")
    boolean overwrite;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            OutputDir.checkFile(out, overwrite);
        }
        Matrix a = read(reference);
        Matrix b = read(samples);
        if (a.cols() != b.cols()) {
            throw new IllegalArgumentException(reference + " has " + a.cols() + " columns but "
                    + samples + " has " + b.cols());
        }
        long seed = common.seed();
        C2stResult r = C2st.run(a, b, C2st.Config.sbibm().withThreads(common.threads()),
                SeedStream.C2ST.streamFor(seed));
        common.out().printf(java.util.Locale.ROOT, "c2st accuracy %.4f: %s%n", r.accuracy(),
                r.verdict());
        common.out().flush();
        if (out != null) {
            JsonFiles.write(out, Map.of("accuracy", r.accuracy(), "fold_accuracies",
                    r.foldAccuracies(), "fold_epochs", r.foldEpochs(), "seed", seed, "verdict", r.verdict()));
        }
        return 0;
    }

    /** Samples from a .npy or .csv file (rows = samples). */
    static Matrix read(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return Observations.lower(file).endsWith(".npy") ? Npy.readMatrix(file)
                : Csv.read(file).values();
    }
}
