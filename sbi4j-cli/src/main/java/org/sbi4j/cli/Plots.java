package org.sbi4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sbi4j.diagnostics.CoverageResult;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.tensor.Matrix;

/** The figures the commands write (PNG), drawn by sbi4j-plot. */
final class Plots {

    private Plots() {
    }

    static void ranks(Path file, SbcResult r) throws IOException {
        // TODO(plot merge): RankPlot.of(r, title).writePng(file)
    }

    static void coverage(Path file, CoverageResult hpd, CoverageResult tarp) throws IOException {
        // TODO(plot merge)
    }

    static void corner(Path file, Matrix samples, List<String> names, double[] truth, String title)
            throws IOException {
        // TODO(plot merge)
    }

    static void loss(Path file, double[] train, double[] validation, String title)
            throws IOException {
        // TODO(plot merge)
    }
}
