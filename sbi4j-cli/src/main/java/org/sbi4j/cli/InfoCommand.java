package org.sbi4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sbi4j.nn.Param;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.posterior.Provenance;
import org.sbi4j.workflow.TrainingReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sbi4j info MODEL}: what a model file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a model file: architecture, parameters, x dimension, seed,"
                + " training settings and the library version that wrote it.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model file from 'train'.")
    Path model;

    @Override
    public Integer call() throws Exception {
        Posterior p = PosteriorFiles.load(model);
        PrintWriter out = spec.commandLine().getOut();
        Provenance prov = p.provenance();
        long weights = p.estimator().params().stream().mapToLong(Info::size).sum();
        out.println("model          " + model);
        out.println("estimator      " + p.spec().kind()
                + " " + p.spec().settings());
        out.println("embedding      " + p.spec().embedding().kind());
        out.println("ensemble       " + p.spec().ensemble());
        out.println("weights        " + weights);
        out.println("parameters     " + p.thetaDim() + " " + p.names());
        out.println("support        " + support(p));
        out.println("x dimension    " + p.xDim() + " (shape " + Arrays.toString(p.xShape()) + ")");
        out.println("seed           " + prov.seed());
        out.println("library        sbi4j " + prov.libraryVersion() + " (reading with "
                + Provenance.LIBRARY_VERSION + ")");
        out.println("settings");
        for (Map.Entry<String, String> e : prov.settings().entrySet()) {
            out.println("  " + e.getKey() + " = "
                    + TrainingReports.settingText(e.getKey(), e.getValue()));
        }
        out.flush();
        return 0;
    }

    private static String support(Posterior p) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < p.thetaDim(); j++) {
            sb.append(j == 0 ? "" : ", ").append(p.names().get(j)).append(" in [")
                    .append(p.space().lower()[j]).append(", ").append(p.space().upper()[j])
                    .append(']');
        }
        return sb.toString();
    }

    /** Sizes of parameter tensors. */
    static final class Info {
        private Info() {
        }

        static long size(Param prm) {
            return (long) prm.value().rows() * prm.value().cols();
        }
    }
}
