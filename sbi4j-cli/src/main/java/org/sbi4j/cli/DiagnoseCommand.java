package org.sbi4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.RankCheck;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.diagnostics.Tarp;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.posterior.Posterior;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sbi4j diagnose sbc|coverage|c2st|ppc|identifiability}. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Check a trained model: simulation-based calibration, expected coverage,"
                + " classifier two-sample test, posterior predictive check, identifiability.",
        subcommands = {DiagnoseCommand.SbcCommand.class, DiagnoseCommand.CoverageCommand.class,
                DiagnoseC2stCommand.class, DiagnoseAtCommands.PpcCommand.class,
                DiagnoseAtCommands.IdentifiabilityCommand.class})
final class DiagnoseCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing diagnostic: sbc, coverage, c2st, ppc or identifiability");
    }

    /** Options of the diagnostics over fresh test simulations. */
    static final class TestOptions {
        @Option(names = "--num-tests", paramLabel = "N", description = "Test simulations (default: ${DEFAULT-VALUE}).")
        int numTests = Sbc.DEFAULT_PAIRS;

        @Option(names = "--num-samples", paramLabel = "L", description = "Posterior samples per test (default: ${DEFAULT-VALUE}).")
        int numSamples = Sbc.DEFAULT_SAMPLES;

        @Option(names = "--alpha", paramLabel = "A", description = "Family-wise false-alarm rate (default: ${DEFAULT-VALUE}).")
        double alpha = Sbc.DEFAULT_ALPHA;

        void check(CommandLine cl) {
            if (numTests < 2 || numSamples < 1 || !(alpha > 0 && alpha < 1)) {
                throw new CommandLine.ParameterException(cl, "need --num-tests >= 2, "
                        + "--num-samples >= 1 and 0 < --alpha < 1");
            }
        }
    }

    /** Runs SBC for the model on fresh simulations of its task or job. */
    static SbcResult runSbc(ModelOptions m, TestOptions t, CommonOptions common) throws Exception {
        t.check(common.spec.commandLine());
        Posterior post = m.load();
        try (Source src = m.source(true)) {
            long seed = common.seed();
            Progress progress = common.progress();
            progress.note("diagnose: %d test simulations of %s, %d samples each, seed %d",
                    t.numTests, src.describe(), t.numSamples, seed);
            Diagnoses.TestPairs pairs = Diagnoses.testPairs(src.prior(), src.simulator(),
                    t.numTests, seed, common.threads(), progress);
            return Diagnoses.sbc(post, pairs, t.numSamples, t.alpha, seed, common.threads());
        }
    }

    @Command(name = "sbc", mixinStandardHelpOptions = true,
            description = "Simulation-based calibration (Talts et al. 2018): ranks of true"
                    + " parameters among posterior samples on fresh simulations, tested for"
                    + " uniformity. With --out: ranks.npy (int64, tests x parameters), sbc.json,"
                    + " sbc_ranks.png.")
    static final class SbcCommand implements Callable<Integer> {
        @Mixin ModelOptions model;
        @Mixin TestOptions tests;
        @Mixin CommonOptions common;

        @Override
        public Integer call() throws Exception {
            SbcResult r = runSbc(model, tests, common);
            PrintWriter out = common.out();
            List<RankCheck> all = new ArrayList<>(r.parameters());
            if (r.joint() != null) {
                all.add(r.joint());
            }
            for (RankCheck t : all) {
                out.printf("%-16s p = %.4f  %s%n", t.name(), t.pValue(), t.verdict());
            }
            out.println("sbc: " + r.verdict());
            if (!r.calibrated()) {
                out.println("sbc: at small simulation budgets an ensemble trained longer is "
                        + "usually better calibrated: 'train --preset calibrated' (see "
                        + "docs/benchmarks.md, \"Calibration of NPE\").");
            }
            out.flush();
            Path dir = model.outDir();
            if (dir != null) {
                writeSbc(dir, r);
            }
            return 0;
        }
    }

    static void writeSbc(Path dir, SbcResult r) throws java.io.IOException {
        int[][] ranks = r.ranks().ranks();
        long[] flat = new long[ranks.length * r.names().size()];
        for (int i = 0; i < ranks.length; i++) {
            for (int j = 0; j < ranks[i].length; j++) {
                flat[i * ranks[i].length + j] = ranks[i][j];
            }
        }
        Npy.write(dir.resolve("ranks.npy"), NpyArray.ofLong(flat, ranks.length, r.names().size()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calibrated", r.calibrated());
        m.put("alpha", r.alpha());
        m.put("pairs", r.ranks().pairs());
        m.put("samples_per_pair", r.ranks().samplesPerPair());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (RankCheck t : r.parameters()) {
            tests.add(Map.of("name", t.name(), "p_value", t.pValue(), "rejected", t.rejected(),
                    "verdict", t.verdict()));
        }
        m.put("parameters", tests);
        m.put("verdict", r.verdict());
        Metadata.write(dir.resolve("sbc.json"), m);
        Plots.ranks(dir.resolve("sbc_ranks.png"), r);
    }

    @Command(name = "coverage", mixinStandardHelpOptions = true,
            description = "Expected coverage of highest-density regions and TARP (Lemos et al."
                    + " 2023) on fresh simulations. With --out: coverage.csv (level, coverage,"
                    + " band), coverage.json, coverage.png.")
    static final class CoverageCommand implements Callable<Integer> {
        @Mixin ModelOptions model;
        @Mixin TestOptions tests;
        @Mixin CommonOptions common;

        @Override
        public Integer call() throws Exception {
            SbcResult r = runSbc(model, tests, common);
            CoverageResult hpd = Coverage.hpd(r.ranks(), tests.alpha);
            CoverageResult tarp = Tarp.of(r.ranks(), tests.alpha);
            PrintWriter out = common.out();
            out.println("coverage (highest-density regions): " + hpd.verdict());
            out.println("coverage (TARP): " + tarp.verdict());
            out.flush();
            Path dir = model.outDir();
            if (dir != null) {
                writeCoverage(dir, hpd, tarp);
            }
            return 0;
        }
    }

    static void writeCoverage(Path dir, CoverageResult hpd, CoverageResult tarp)
            throws java.io.IOException {
        int n = hpd.levels().length;
        org.sbi4j.tensor.Matrix m = org.sbi4j.tensor.Matrix.of(n, 7);
        for (int i = 0; i < n; i++) {
            double[] row = {hpd.levels()[i], hpd.coverage()[i], hpd.lower()[i], hpd.upper()[i],
                    tarp.coverage()[i], tarp.lower()[i], tarp.upper()[i]};
            for (int j = 0; j < 7; j++) {
                m.set(i, j, (float) row[j]);
            }
        }
        org.sbi4j.io.Csv.write(dir.resolve("coverage.csv"), List.of("level", "hpd", "hpd_lower",
                "hpd_upper", "tarp", "tarp_lower", "tarp_upper"), m);
        Metadata.write(dir.resolve("coverage.json"), Map.of("hpd_calibrated", hpd.calibrated(),
                "hpd_verdict", hpd.verdict(), "tarp_calibrated", tarp.calibrated(),
                "tarp_verdict", tarp.verdict()));
        Plots.coverage(dir.resolve("coverage.png"), hpd, tarp);
    }
}
