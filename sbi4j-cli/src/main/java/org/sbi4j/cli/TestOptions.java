package org.sbi4j.cli;

import org.sbi4j.diagnostics.Sbc;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options of the diagnostics over fresh test simulations (diagnose sbc and coverage). */
final class TestOptions {
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
