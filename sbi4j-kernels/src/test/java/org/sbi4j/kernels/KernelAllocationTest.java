package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Warm calls of the Vector kernels allocate nothing in a JVM started without any {@code -XX}
 * option (in particular no {@code CompileCommand}): no vector is boxed. Runs
 * {@link KernelAllocationProbe} in a child JVM with only {@code --add-modules
 * jdk.incubator.vector} and a heap size.
 */
class KernelAllocationTest {

    @Test
    void warmKernelCallsAllocateNothingWithoutJvmFlags() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), KernelAllocationProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(p.exitValue()).as("probe exit code; output:%n%s", out).isZero();
        Map<String, Long> bytes = new LinkedHashMap<>();
        String args = null;
        String kernels = null;
        for (String line : out.split("\\R")) {
            if (line.startsWith("ALLOC ")) {
                String[] f = line.split(" ");
                bytes.put(f[1], Long.parseLong(f[2]));
            } else if (line.startsWith("ARGS ")) {
                args = line.substring(5);
            } else if (line.startsWith("KERNELS ")) {
                kernels = line.substring(8);
            }
        }
        assertThat(args).as("child JVM arguments").isNotNull().doesNotContain("-XX");
        assertThat(kernels).as("kernels of the child").startsWith("vector-");
        assertThat(bytes).as("probe output:%n%s", out).hasSizeGreaterThan(30)
                .containsKeys("activate-SIGMOID", "backward-GELU", "softmaxRows", "logSumExp",
                        "gemmNN-split-256x128x128", "block-second-branch");
        // 200 measured calls: a single 16-byte object per call would already be 3,200 bytes; the
        // 1 KiB allowance covers the measuring calls themselves
        bytes.forEach((kernel, b) -> assertThat(b).as("bytes allocated by %d warm calls of %s",
                KernelAllocationProbe.MEASURED_CALLS, kernel).isLessThan(KernelAllocationProbe.ALLOWANCE));
    }
}
