package org.sbi4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sbi4j.flows.EstimatorKinds;
import org.sbi4j.flows.SettingsRegistry;
import org.sbi4j.posterior.EmbeddingKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sbi4j kinds}: the registered estimator and embedding kinds with every setting. */
@Command(name = "kinds", mixinStandardHelpOptions = true,
        description = "List the estimator and embedding kinds with every setting and its default"
                + " (the keys of a job file's 'estimator'/'embedding' mappings and of"
                + " train --set/--embedding-set).")
final class KindsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        print(out, "estimator", EstimatorKinds.registry());
        print(out, "embedding", EmbeddingKinds.registry());
        print(out, "method", org.sbi4j.npe.InferenceMethods.registry());
        out.flush();
        return 0;
    }

    private static <S> void print(PrintWriter out, String family, SettingsRegistry<S> registry) {
        for (SettingsRegistry.Entry<S> e : registry.entries()) {
            out.println(family + " " + e.name() + ": " + e.description());
            registry.describe(e.name()).forEach((k, v) -> out.println("  " + k + " = " + v));
        }
    }
}
