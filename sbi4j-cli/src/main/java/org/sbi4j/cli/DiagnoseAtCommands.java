package org.sbi4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.diagnostics.IdentifiabilityReport;
import org.sbi4j.diagnostics.Ppc;
import org.sbi4j.diagnostics.PpcResult;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.workflow.DiagnosticFiles;
import org.sbi4j.workflow.Diagnoses;
import org.sbi4j.workflow.Observations;
import org.sbi4j.workflow.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The diagnostics at given observations: {@code diagnose ppc} and {@code identifiability}. */
final class DiagnoseAtCommands {

    private DiagnoseAtCommands() {
    }

    /** --observation FILE and --num-samples. */
    static final class AtOptions {
        @Option(names = "--observation", required = true, paramLabel = "FILE",
                description = "Observations, one per row (.csv with header, or .npy).")
        Path observation;

        @Option(names = "--num-samples", paramLabel = "M", description = "Posterior samples (default: ${DEFAULT-VALUE}).")
        int numSamples = 1000;
    }

    @Command(name = "ppc", mixinStandardHelpOptions = true,
            description = "Posterior predictive check: simulate x from posterior draws and flag"
                    + " the dimensions of each observation outside the central --level of the"
                    + " predictive distribution. With nuisance parameters the draws come from"
                    + " MODEL-joint.sbi4j when it exists (run writes it), else the nuisances"
                    + " are drawn from their prior. With --out: ppc-<k>.json.")
    static final class PpcCommand implements Callable<Integer> {
        @Mixin ModelOptions model;
        @Mixin AtOptions at;
        @Mixin CommonOptions common;

        @Option(names = "--level", paramLabel = "P", description = "Central predictive mass (default: ${DEFAULT-VALUE}).")
        double level = Ppc.DEFAULT_LEVEL;

        @Override
        public Integer call() throws Exception {
            Posterior post = model.load();
            List<float[]> obs = Observations.read(at.observation, post.xDim());
            Path dir = model.outDir();
            try (Source src = model.source(true)) {
                long seed = common.seed();
                Path jointFile = Diagnoses.jointModelFile(model.model);
                Posterior joint = Diagnoses.hasNuisances(src.prior())
                        && java.nio.file.Files.exists(jointFile)
                        ? PosteriorFiles.load(jointFile) : null;
                var ppcModel = new Diagnoses.PpcModel(post, joint, src.prior(), src.simulator());
                for (int k = 1; k <= obs.size(); k++) {
                    PpcResult r = Diagnoses.ppc(ppcModel, obs.get(k - 1), at.numSamples, seed,
                            level);
                    common.out().println("ppc observation " + k + ": " + r.verdict());
                    if (dir != null) {
                        DiagnosticFiles.writePpc(dir, k, r, level);
                    }
                }
            }
            common.out().flush();
            return 0;
        }
    }

    @Command(name = "identifiability", mixinStandardHelpOptions = true,
            description = "Which parameter combinations each observation constrains: posterior"
                    + " against prior spread along prior-whitened directions, in linear and log"
                    + " space, and curved ridges (a quadratic combination such as A + b²). With"
                    + " --out: identifiability-<k>.json, identifiability-<k>.png for a curved"
                    + " ridge.")
    static final class IdentifiabilityCommand implements Callable<Integer> {
        @Mixin ModelOptions model;
        @Mixin AtOptions at;
        @Mixin CommonOptions common;

        @Override
        public Integer call() throws Exception {
            Posterior post = model.load();
            List<float[]> obs = Observations.read(at.observation, post.xDim());
            Path dir = model.outDir();
            try (Source src = model.source(false)) {
                long seed = common.seed();
                for (int k = 1; k <= obs.size(); k++) {
                    IdentifiabilityReport r = Diagnoses.identifiability(post, src.prior(),
                            obs.get(k - 1), at.numSamples, seed);
                    common.out().println("identifiability observation " + k + ": " + r.verdict());
                    if (dir != null) {
                        DiagnosticFiles.writeIdentifiability(dir, k, r);
                        float[] xo = obs.get(k - 1);
                        DiagnosticFiles.writeRidge(dir, k, r, () -> Diagnoses
                                .identifiabilitySamples(post, xo, at.numSamples, seed));
                    }
                }
            }
            common.out().flush();
            return 0;
        }
    }
}
