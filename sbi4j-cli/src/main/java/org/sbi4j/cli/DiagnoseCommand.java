package org.sbi4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.diagnostics.Coverage;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.RankCheck;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.diagnostics.Tarp;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.workflow.DiagnosticFiles;
import org.sbi4j.workflow.Diagnoses;
import org.sbi4j.workflow.Source;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sbi4j diagnose sbc|coverage|c2st|ppc|identifiability|misspecification}. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Check a trained model: simulation-based calibration, expected coverage,"
                + " classifier two-sample test, posterior predictive check, identifiability,"
                + " misspecification.",
        subcommands = {DiagnoseCommand.SbcCommand.class, DiagnoseCommand.CoverageCommand.class,
                DiagnoseC2stCommand.class, DiagnoseAtCommands.PpcCommand.class,
                DiagnoseAtCommands.IdentifiabilityCommand.class,
                DiagnoseMisspecificationCommand.class})
final class DiagnoseCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing diagnostic: sbc, coverage, c2st, ppc, identifiability or"
                        + " misspecification");
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
                    + " uniformity, and the rank ECDFs against simultaneous bands. With --out:"
                    + " ranks.npy (int64, tests x parameters), sbc.json, sbc_ranks.png,"
                    + " sbc_ecdf.json, sbc_ecdf.png.")
    static final class SbcCommand implements Callable<Integer> {
        @Mixin ModelOptions model;
        @Mixin TestOptions tests;
        @Mixin CommonOptions common;

        @Override
        public Integer call() throws Exception {
            tests.check(common.spec.commandLine());
            Path dir = model.outDir();
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
            var bands = Diagnoses.ecdfBands(r, common.seed());
            out.println("sbc (ECDF bands): " + Diagnoses.ecdfVerdict(bands, r.alpha()));
            if (!r.calibrated()) {
                out.println("sbc: at small simulation budgets an ensemble trained longer is "
                        + "usually better calibrated: 'train --preset calibrated' (see "
                        + "docs/benchmarks.md, \"Calibration of NPE\").");
            }
            out.flush();
            if (dir != null) {
                DiagnosticFiles.writeSbc(dir, r);
                DiagnosticFiles.writeEcdf(dir, bands);
            }
            return 0;
        }
    }

    @Command(name = "coverage", mixinStandardHelpOptions = true,
            description = "Expected coverage of highest-density regions and TARP (Lemos et al."
                    + " 2023) on fresh simulations, and the credibility levels that a conformal"
                    + " recalibration on them gives (regions that cover at least the nominal share"
                    + " of prior-predictive truths). With --out: coverage.csv (level, coverage,"
                    + " band), coverage.json, coverage.png, coverage_recalibration.json.")
    static final class CoverageCommand implements Callable<Integer> {
        @Mixin ModelOptions model;
        @Mixin TestOptions tests;
        @Mixin CommonOptions common;

        @Override
        public Integer call() throws Exception {
            tests.check(common.spec.commandLine());
            Path dir = model.outDir();
            SbcResult r = runSbc(model, tests, common);
            CoverageResult hpd = Coverage.hpd(r.ranks(), tests.alpha);
            CoverageResult tarp = Tarp.of(r.ranks(), tests.alpha);
            PrintWriter out = common.out();
            out.println("coverage (highest-density regions): " + hpd.verdict());
            out.println("coverage (TARP): " + tarp.verdict());
            var recal = org.sbi4j.diagnostics.ConformalCoverage.recalibrate(r.ranks(),
                    org.sbi4j.diagnostics.ConformalCoverage.DEFAULT_LEVELS);
            out.println("coverage (conformal recalibration): " + recal.verdict());
            out.flush();
            if (dir != null) {
                DiagnosticFiles.writeCoverage(dir, hpd, tarp);
                DiagnosticFiles.writeRecalibration(dir, recal);
            }
            return 0;
        }
    }
}
