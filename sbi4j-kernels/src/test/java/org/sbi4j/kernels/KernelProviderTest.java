package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

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
}
