package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.plot.CornerPlot;
import org.sbi4j.plot.CoveragePlot;
import org.sbi4j.plot.Figure;
import org.sbi4j.plot.LossCurves;
import org.sbi4j.plot.LossPlot;
import org.sbi4j.plot.RankPlot;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingReport;

/** The figures of a run, drawn by sbi4j-plot: PNG, or SVG for a name ending in .svg. */
public final class Plots {

    private Plots() {
    }

    /** SBC rank histograms. */
    public static void ranks(Path file, SbcResult r) throws IOException {
        write(RankPlot.of(r, "SBC ranks"), file);
    }

    /** The curved ridge of an identifiability report over its posterior samples. */
    public static void ridge(Path file, Matrix samples,
                             org.sbi4j.diagnostics.IdentifiabilityReport r) throws IOException {
        write(org.sbi4j.plot.RidgePlot.of(samples, r.names(), r.curved(), "Curved ridge: "
                + r.curved().combination()), file);
    }

    /** SBC rank ECDFs with their simultaneous bands. */
    public static void ecdf(Path file, List<org.sbi4j.diagnostics.EcdfBands.Result> bands)
            throws IOException {
        write(org.sbi4j.plot.EcdfPlot.of(bands, "SBC rank ECDFs (simultaneous bands)"), file);
    }

    /** Expected coverage of highest-density regions and TARP. */
    public static void coverage(Path file, CoverageResult hpd, CoverageResult tarp) throws IOException {
        write(CoveragePlot.of("Expected coverage", hpd, tarp), file);
    }

    /** A corner plot of samples (truth: values to mark, or null). */
    public static void corner(Path file, Matrix samples, List<String> names, double[] truth, String title)
            throws IOException {
        write(CornerPlot.of(samples, names, truth, title), file);
    }

    /** Training and validation loss per epoch. */
    public static void loss(Path file, double[] train, double[] validation, String title)
            throws IOException {
        write(LossPlot.of(train, validation, title, "negative log-likelihood"), file);
    }

    /** Every member's training and validation losses in one plot. */
    public static void loss(Path file, List<TrainingReport> members, String title) throws IOException {
        write(LossPlot.of(members.stream().map(LossCurves::of).toList(), title,
                "negative log-likelihood"), file);
    }

    private static void write(Figure f, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        if (Observations.lower(file).endsWith(".svg")) {
            f.writeSvg(file);
        } else {
            f.writePng(file);
        }
    }
}
