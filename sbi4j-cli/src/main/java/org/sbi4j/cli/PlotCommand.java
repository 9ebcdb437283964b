package org.sbi4j.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.io.Table;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.Observations;
import org.sbi4j.workflow.OutputDir;
import org.sbi4j.workflow.Plots;
import org.sbi4j.workflow.TrainingReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sbi4j plot FILE --out PNG}: a corner plot of a samples file (.csv or .npy), or the loss
 * curves of a training report (MODEL.report.json).
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Plot a samples file (.csv with header, or .npy) as a corner plot, or a"
                + " training report (MODEL.report.json written by 'train') as loss curves.",
                "The figure is written as PNG (or SVG when --out ends in .svg)."})
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Samples (.csv, .npy) or training report (.json).")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "Figure file (.png or .svg).")
    Path out;

    @Option(names = "--truth", split = ",", paramLabel = "V1,V2", description = "True parameter values to mark (corner plot).")
    List<Double> truth;

    @Option(names = "--title", description = "Figure title.")
    String title;

    @Option(names = "--overwrite", description = "Replace an existing figure.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        String o = Observations.lower(out);
        if (!o.endsWith(".png") && !o.endsWith(".svg")) {
            throw new IllegalArgumentException("--out " + out + " must end in .png or .svg");
        }
        OutputDir.checkFile(out, overwrite);
        String name = Observations.lower(input);
        if (name.endsWith(".json")) {
            loss();
        } else {
            corner(name);
        }
        spec.commandLine().getOut().println("plot: " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void corner(String name) throws Exception {
        Matrix samples;
        List<String> names;
        if (name.endsWith(".npy")) {
            samples = Npy.readMatrix(input);
            names = new ArrayList<>();
            for (int j = 1; j <= samples.cols(); j++) {
                names.add("theta_" + j);
            }
        } else if (name.endsWith(".csv")) {
            Table t = Csv.read(input);
            samples = t.values();
            names = t.names();
        } else {
            throw new IllegalArgumentException("plot input " + input
                    + " must end in .csv or .npy (samples) or .json (training report)");
        }
        double[] t = null;
        if (truth != null) {
            if (truth.size() != samples.cols()) {
                throw new IllegalArgumentException("--truth has " + truth.size()
                        + " values but the samples have " + samples.cols() + " parameters");
            }
            t = truth.stream().mapToDouble(Double::doubleValue).toArray();
        }
        Plots.corner(out, samples, names, t, title == null ? input.getFileName().toString() : title);
    }

    private void loss() throws Exception {
        double[][] losses = TrainingReports.firstMemberLosses(input);
        Plots.loss(out, losses[0], losses[1], title == null ? "training loss" : title);
    }
}
