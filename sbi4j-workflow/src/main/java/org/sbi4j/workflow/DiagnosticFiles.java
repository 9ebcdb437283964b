package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.Direction;
import org.sbi4j.diagnostics.IdentifiabilityReport;
import org.sbi4j.diagnostics.ConformalCoverage;
import org.sbi4j.diagnostics.EcdfBands;
import org.sbi4j.diagnostics.PpcResult;
import org.sbi4j.diagnostics.RankCheck;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.tensor.Matrix;

/**
 * The files of the diagnostics in a report folder: ranks.npy, sbc.json, sbc_ranks.png;
 * coverage.csv, coverage.json, coverage.png; ppc-k.json; identifiability-k.json. JSON objects
 * keep their keys in the order written here.
 */
public final class DiagnosticFiles {

    private DiagnosticFiles() {
    }

    /** ranks.npy (int64, tests × parameters), sbc.json and sbc_ranks.png. */
    public static void writeSbc(Path dir, SbcResult r) throws IOException {
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
            tests.add(ordered("name", t.name(), "p_value", t.pValue(), "rejected", t.rejected(),
                    "verdict", t.verdict()));
        }
        m.put("parameters", tests);
        m.put("verdict", r.verdict());
        JsonFiles.write(dir.resolve("sbc.json"), m);
        Plots.ranks(dir.resolve("sbc_ranks.png"), r);
    }

    /** coverage.csv (level, hpd and tarp with their bands), coverage.json and coverage.png. */
    public static void writeCoverage(Path dir, CoverageResult hpd, CoverageResult tarp)
            throws IOException {
        int n = hpd.levels().length;
        Matrix m = Matrix.of(n, 7);
        for (int i = 0; i < n; i++) {
            double[] row = {hpd.levels()[i], hpd.coverage()[i], hpd.lower()[i], hpd.upper()[i],
                    tarp.coverage()[i], tarp.lower()[i], tarp.upper()[i]};
            for (int j = 0; j < 7; j++) {
                m.set(i, j, (float) row[j]);
            }
        }
        Csv.write(dir.resolve("coverage.csv"), List.of("level", "hpd", "hpd_lower",
                "hpd_upper", "tarp", "tarp_lower", "tarp_upper"), m);
        JsonFiles.write(dir.resolve("coverage.json"), ordered("hpd_calibrated",
                hpd.calibrated(), "hpd_verdict", hpd.verdict(), "tarp_calibrated",
                tarp.calibrated(), "tarp_verdict", tarp.verdict()));
        Plots.coverage(dir.resolve("coverage.png"), hpd, tarp);
    }

    /** sbc_ecdf.json (per rank set: inside, γ, levels, ECDF, band) and sbc_ecdf.png. */
    public static void writeEcdf(Path dir, List<EcdfBands.Result> bands) throws IOException {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (EcdfBands.Result b : bands) {
            sets.add(ordered("name", b.name(), "inside", b.inside(), "gamma", b.gamma(),
                    "alpha", b.alpha(), "levels", b.levels(), "ecdf", b.ecdf(), "lower",
                    b.lower(), "upper", b.upper(), "verdict", b.verdict()));
        }
        JsonFiles.write(dir.resolve("sbc_ecdf.json"), ordered("rank_sets", sets));
        Plots.ecdf(dir.resolve("sbc_ecdf.png"), bands);
    }

    /** coverage_recalibration.json: nominal and recalibrated levels, pairs, verdict. */
    public static void writeRecalibration(Path dir, ConformalCoverage.Recalibration r)
            throws IOException {
        JsonFiles.write(dir.resolve("coverage_recalibration.json"), ordered("nominal",
                r.nominal(), "adjusted", r.adjusted(), "pairs", r.pairs(), "verdict",
                r.verdict()));
    }

    /** ppc-k.json as {@code run} writes it: passed, quantiles, verdict. */
    public static void writePpcSummary(Path dir, int k, PpcResult r) throws IOException {
        JsonFiles.write(dir.resolve("ppc-" + k + ".json"), ordered("passed", r.passed(),
                "quantiles", r.quantiles(), "failed_simulations", r.failed(),
                "nuisances", r.nuisances() == null ? "none" : r.nuisances(),
                "verdict", r.verdict()));
    }

    /** ppc-k.json as {@code diagnose ppc} writes it: also the flagged dimensions and the level. */
    public static void writePpc(Path dir, int k, PpcResult r, double level) throws IOException {
        JsonFiles.write(dir.resolve("ppc-" + k + ".json"), ordered("passed", r.passed(),
                "quantiles", r.quantiles(), "flagged", r.flagged(), "level", level,
                "failed_simulations", r.failed(),
                "nuisances", r.nuisances() == null ? "none" : r.nuisances(),
                "verdict", r.verdict()));
    }

    /**
     * identifiability-k.png when the report found a curved ridge: the posterior samples (drawn
     * by {@code samples} only then) and the ridge; nothing otherwise.
     */
    public static void writeRidge(Path dir, int k, IdentifiabilityReport r,
                                  java.util.function.Supplier<Matrix> samples) throws IOException {
        if (r.curved() != null) {
            Plots.ridge(dir.resolve("identifiability-" + k + ".png"), samples.get(), r);
        }
    }

    /** identifiability-k.json: preferred space, unconstrained parameters, the directions. */
    public static void writeIdentifiability(Path dir, int k, IdentifiabilityReport r)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preferred", r.preferred());
        m.put("unconstrained", r.unconstrained());
        m.put("directions", r.directions().stream().map(DiagnosticFiles::json).toList());
        if (r.curved() != null) {
            m.put("curved_ridge", ordered("space", r.curved().space(), "combination",
                    r.curved().combination(), "value", r.curved().value(), "sd_ratio",
                    r.curved().ratio(), "straightness", r.curved().straightness()));
        }
        m.put("verdict", r.verdict());
        JsonFiles.write(dir.resolve("identifiability-" + k + ".json"), m);
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

    /** A map of key, value, key, value … in that order. */
    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
