package org.sbi4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.workflow.JsonFiles;
import org.sbi4j.workflow.OutputDir;
import org.sbi4j.workflow.Source;
import org.sbi4j.workflow.TrainingReports;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * --model MODEL plus the task or job it was trained for (--task/--job, else the one recorded in
 * MODEL.report.json), and an optional --out DIR for the diagnostic's files.
 */
final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model file from 'train'.")
    Path model;

    @Mixin
    SourceOptions source;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the results (JSON, arrays, plots) into DIR.")
    Path out;

    @Option(names = "--overwrite", description = "Write into a non-empty DIR.")
    boolean overwrite;

    @Option(names = "--prior-from-data", description = "Use the prior and simulator stored in"
            + " MODEL.report.json even when the job file recorded there now gives another prior.")
    boolean priorFromData;

    Posterior load() throws IOException {
        return PosteriorFiles.load(model);
    }

    /** The task or job of the model. */
    Source source(boolean withSimulator) throws IOException {
        Path report = TrainingReports.reportFile(model);
        if (!Files.exists(report) && !source.given()) {
            throw new picocli.CommandLine.ParameterException(source.spec.commandLine(), model
                    + " has no training report beside it ('train' and 'run' write one;"
                    + " PosteriorFiles.save does not), so the task or job it was trained for is"
                    + " unknown; give --task NAME or --job FILE");
        }
        Map<String, Object> rec = Files.exists(report) ? JsonFiles.read(report) : null;
        return source.orRecorded(rec, report.toString(), withSimulator, priorFromData);
    }

    /** The output folder, prepared, or null when --out was not given. */
    Path outDir() throws IOException {
        return out == null ? null : OutputDir.prepare(out, overwrite, null);
    }
}
