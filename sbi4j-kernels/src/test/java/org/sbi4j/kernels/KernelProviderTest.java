package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelProviderTest {

    @Test
    void surefireGetsTheVectorKernels() {
        // surefire's argLine adds --add-modules jdk.incubator.vector, Java is 25, the CPU has SIMD
        assertThat(KernelProvider.get()).isInstanceOf(VectorKernels.class);
        assertThat(KernelProvider.get().name()).startsWith("vector-");
        assertThat(VectorKernels.preferredBitSize()).isGreaterThanOrEqualTo(128);
    }

    @Test
    void scalarIsAlwaysAvailable() {
        assertThat(KernelProvider.scalar().name()).isEqualTo("scalar");
    }

    @Test
    void reasonsForScalar() {
        assertThat(KernelProvider.scalarReason("", true, KernelProvider.TESTED_FEATURE)).isNull();
        assertThat(KernelProvider.scalarReason("scalar", true, KernelProvider.TESTED_FEATURE)).contains("forced");
        assertThat(KernelProvider.scalarReason("", false, KernelProvider.TESTED_FEATURE))
                .contains("--add-modules jdk.incubator.vector");
        assertThat(KernelProvider.scalarReason("", true, 26)).contains("Java 26");
        assertThat(KernelProvider.scalarReason("vector", true, 26)).isNull();
        assertThat(KernelProvider.scalarReason("vector", false, 25)).contains("boot layer");
        assertThatThrownBy(() -> KernelProvider.scalarReason("simd", true, 25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("simd");
    }

    @Test
    void aJvmWithoutTheModuleFallsBackToScalarWithoutTouchingTheVectorClasses() throws Exception {
        // a NoClassDefFoundError for jdk.incubator.vector would make the child fail
        assertThat(probe()).isEqualTo("scalar 11.0");
        assertThat(probe("--add-modules", "jdk.incubator.vector", "-Dsbi4j.kernels=scalar")).isEqualTo("scalar 11.0");
        assertThat(probe("--add-modules", "jdk.incubator.vector")).matches("vector-\\d+ 11\\.0");
    }

    private static String probe(String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ProviderProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("child JVM exit; stderr: %s", err).isZero();
        return out;
    }
}
