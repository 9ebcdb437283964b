package org.sbi4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sbi4j.kernels.KernelProvider;
import org.sbi4j.kernels.Kernels;

/**
 * GEMM throughput of the kernels: C[m×n] = A·B in the NN, TN and NT forms, m = 256 (a batch),
 * k = n ∈ {32, 64, 128, 256} (hidden widths), Vector API vs scalar.
 *
 * <p>Score: products per second; the {@code flops} secondary score is 2·m·n·k per product, in
 * operations per second (divide by 1e9 for GFLOP/s). Single-threaded by default
 * ({@code -Dsbi4j.threads=1} in the fork); pass {@code -jvmArgsAppend -Dsbi4j.threads=2} to let
 * large products use the kernel thread pool. Results: docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dsbi4j.threads=1", "-Xmx1g",
        "-XX:+UseParallelGC"})
public class GemmBenchmark {

    @Param({"vector", "scalar"})
    public String provider;

    @Param({"NN", "TN", "NT"})
    public String form;

    @Param({"32", "50", "64", "128", "256"})
    public int size;

    public final int m = 256;

    private Kernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Counts floating-point operations so JMH reports them as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flops {
        public long flops;
    }

    @Setup(Level.Trial)
    public void setUp() {
        kernels = provider.equals("scalar") ? KernelProvider.scalar() : KernelProvider.get();
        if (provider.equals("vector") && kernels.name().equals("scalar")) {
            throw new IllegalStateException("the Vector API kernels are not available in this JVM");
        }
        SplittableRandom r = new SplittableRandom(42);
        a = new float[m * size];
        b = new float[size * size];
        c = new float[m * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (2 * r.nextDouble() - 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (2 * r.nextDouble() - 1);
        }
    }

    @Benchmark
    public float[] gemm(Flops flops) {
        int n = size;
        int k = size;
        switch (form) {
            case "NN" -> kernels.gemmNN(m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
            case "TN" -> kernels.gemmTN(m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
            default -> kernels.gemmNT(m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
        }
        flops.flops += 2L * m * n * k;
        return c;
    }
}
