package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Format and argument checks of the self-timing benchmark (speed itself is never asserted). */
class KernelBenchmarkTest {

    @Test
    void linesHaveTheDocumentedFormat() {
        List<String> lines = KernelBenchmark.of(0, 1, 1).run(KernelProvider.scalar(), 4, 8);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("provider scalar");
        assertThat(lines.subList(1, 7)).allMatch(l -> l.matches("gemm (NN|TN|NT) 256x(4x4|8x8) \\d+\\.\\d"));
        assertThat(lines.get(1)).startsWith("gemm NN 256x4x4 ");
        assertThat(lines.get(6)).startsWith("gemm NT 256x8x8 ");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> KernelBenchmark.of(-1, 1, 1)).hasMessageContaining("warmupMillis");
        assertThatThrownBy(() -> KernelBenchmark.of(0, 0, 1)).hasMessageContaining("trials");
        assertThatThrownBy(() -> KernelBenchmark.of(0, 1, 0)).hasMessageContaining("trialMillis");
        KernelBenchmark b = KernelBenchmark.of(0, 1, 1);
        assertThatThrownBy(() -> b.run(KernelProvider.scalar(), 0)).hasMessageContaining("sizes");
        assertThatThrownBy(() -> b.run(KernelProvider.scalar(), new int[0])).hasMessageContaining("sizes");
        assertThatThrownBy(() -> b.gflops(KernelProvider.scalar(), "TT", 1, 1, 1)).hasMessageContaining("TT");
    }
}
