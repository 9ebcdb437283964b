package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The output format of {@code sbi4j bench kernels} (format only: speed is never asserted). */
class BenchCommandTest {

    private static String run(String... args) {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(sw, true));
        assertThat(cl.execute(args)).as("exit code").isZero();
        return sw.toString();
    }

    @Test
    void kernelsPrintsProviderThenOneLinePerFormAndShape() {
        String out = run("bench", "kernels", "--sizes", "32,16", "--warmup-ms", "0", "--trials", "1",
                "--trial-ms", "1");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(1 + 3 * 2);
        // surefire runs with --add-modules jdk.incubator.vector, so the Vector kernels are chosen
        assertThat(lines.get(0)).matches("provider vector-\\d+");
        int i = 1;
        for (String form : List.of("NN", "TN", "NT")) {
            for (int size : new int[] {32, 16}) {
                assertThat(lines.get(i++)).matches("gemm " + form + " 256x" + size + "x" + size + " \\d+\\.\\d");
            }
        }
    }

    @Test
    void scalarOptionMeasuresTheScalarKernels() {
        String out = run("bench", "kernels", "--scalar", "--sizes", "8", "--warmup-ms", "0", "--trials", "1",
                "--trial-ms", "1");
        assertThat(out.lines().toList()).first().isEqualTo("provider scalar");
        assertThat(out.lines().toList()).hasSize(4).allMatch(l -> !l.contains(","));
    }

    @Test
    void benchWithoutSubcommandListsKernels() {
        assertThat(run("bench")).contains("kernels");
    }
}
