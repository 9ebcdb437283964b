package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Warm training steps of the nn layers and optimiser allocate nothing.
 *
 * <p>Runs {@link AllocationProbe} in a child JVM with {@code -Dsbi4j.kernels=scalar}, so the test
 * measures this package's code (workspaces, Sequential/MADE/ResidualNet plumbing, Adam,
 * clipping) independently of which kernel provider the test JVM picked; the kernels are tested
 * for allocation by their own module.
 */
class AllocationTest {

    @Test
    void trainingStepsAllocateNothingOnceWarm() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dsbi4j.kernels=scalar", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), AllocationProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(p.exitValue()).as("probe exit code; output:%n%s", out).isZero();
        Map<String, Long> bytes = new HashMap<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith("ALLOC ")) {
                String[] f = line.split(" ");
                bytes.put(f[1], Long.parseLong(f[2]));
            }
        }
        assertThat(bytes).as("probe output:%n%s", out).containsOnlyKeys("mlp", "made", "resnet");
        // 200 measured steps: a single 16-byte object per step would already be 3,200 bytes;
        // the 1 KiB allowance covers the measuring calls themselves
        bytes.forEach((net, b) -> assertThat(b).as("bytes allocated by %d steps of %s",
                AllocationProbe.MEASURED_STEPS, net).isLessThan(1024L));
    }
}
