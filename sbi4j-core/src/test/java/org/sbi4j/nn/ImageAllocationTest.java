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
 * Warm forward/backward passes of the image and attention layers allocate nothing. Runs
 * {@link ImageAllocationProbe} in a child JVM with scalar kernels, as {@link AllocationTest}
 * does, so only this package's code is measured.
 */
class ImageAllocationTest {

    @Test
    void imageLayersAllocateNothingOnceWarm() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dsbi4j.kernels=scalar", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), ImageAllocationProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(p.exitValue()).as("probe exit code; output:%n%s", out).isZero();
        Map<String, Long> bytes = new HashMap<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith("ALLOC ")) {
                String[] f = line.split(" ");
                bytes.put(f[1], Long.parseLong(f[2]));
            }
        }
        assertThat(bytes).as("probe output:%n%s", out).containsOnlyKeys("cnn-max", "cnn-avg",
                "conv-strided", "layernorm", "settransformer");
        // 200 measured steps: one 16-byte object per step would be 3,200 bytes; 1 KiB covers
        // the measuring calls themselves
        bytes.forEach((net, b) -> assertThat(b).as("bytes allocated by %d steps of %s",
                AllocationProbe.MEASURED_STEPS, net).isLessThan(1024L));
    }
}
