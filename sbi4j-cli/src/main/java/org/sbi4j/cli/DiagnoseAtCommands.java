package org.sbi4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sbi4j.diagnostics.Direction;
import org.sbi4j.diagnostics.IdentifiabilityReport;
import org.sbi4j.diagnostics.Ppc;
import org.sbi4j.diagnostics.PpcResult;
import org.sbi4j.posterior.Posterior;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The diagnostics at given observations: {@code diagnose ppc} and {@code diagnose identifiability}. */
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
                    + " predictive distribution. With --out: ppc-<k>.json.")
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
                for (int k = 1; k <= obs.size(); k++) {
                    PpcResult r = Diagnoses.ppc(post, src.prior(), src.simulator(),
                            obs.get(k - 1), at.numSamples, seed, level);
                    common.out().println("ppc observation " + k + ": " + r.verdict());
                    if (dir != null) {
                        Metadata.write(dir.resolve("ppc-" + k + ".json"), Map.of("passed",
                                r.passed(), "quantiles", r.quantiles(), "flagged", r.flagged(),
                                "level", level, "verdict", r.verdict()));
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
                    + " space. With --out: identifiability-<k>.json.")
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
                        Metadata.write(dir.resolve("identifiability-" + k + ".json"), json(r));
                    }
                }
            }
            common.out().flush();
            return 0;
        }
    }

    static Map<String, Object> json(IdentifiabilityReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preferred", r.preferred());
        m.put("unconstrained", r.unconstrained());
        m.put("directions", r.directions().stream().map(DiagnoseAtCommands::json).toList());
        m.put("verdict", r.verdict());
        return m;
    }

    private static Map<String, Object> json(Direction d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("space", d.space());
        m.put("combination", d.combination());
        m.put("posterior_sd", d.posteriorSd());
        m.put("prior_sd", d.priorSd());
        m.put("constrained", d.constrained());
        return m;
    }
}
