package org.sbi4j.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by the commands that simulate or train: --seed, --threads, --quiet. */
final class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "S",
            description = "Run seed; when omitted one is drawn, printed and recorded.")
    Long seed;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads for simulation and diagnostics (default: all cores);"
                    + " 'train' and 'sample' do not use it (their matrix products use the"
                    + " kernels' threads, set with SBI4J_JAVA_OPTS=-Dsbi4j.threads=T)."
                    + " Results never depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "Print only warnings and errors.")
    boolean quiet;

    private Long drawn;

    /** The seed given, or one drawn once (and printed unless quiet). */
    long seed() {
        if (seed != null) {
            return seed;
        }
        if (drawn == null) {
            drawn = new SecureRandom().nextLong() >>> 11;
            progress().note("seed %d (drawn; pass --seed %d to repeat this run)", drawn, drawn);
        }
        return drawn;
    }

    int threads() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Progress progress() {
        return new Progress(spec.commandLine().getErr(), quiet);
    }
}
