package org.sbi4j.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sbi4j.nn.Conv2d;
import org.sbi4j.nn.Conv2dSpec;
import org.sbi4j.nn.ImageShape;
import org.sbi4j.nn.Init;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Matrix;

/**
 * One {@link Conv2d} (3×3, stride 1, SAME) on a batch: forward alone, and forward + backward
 * (input and parameter gradients), for the three layers of the default {@code Cnn2d} on 64×64
 * images: 1×64×64 → 8, 8×32×32 → 16, 16×16×16 → 32 ({@code layer} = C, H, F).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "-XX:+UseParallelGC"})
public class Conv2dBenchmark {

    @Param({"1-64-8", "8-32-16", "16-16-32"})
    public String layer;

    @Param({"200"})
    public int batch;

    private Conv2d conv;
    private org.sbi4j.nn.Layer.Workspace ws;
    private Matrix x;
    private Matrix gradOutput;

    @Setup
    public void setUp() {
        String[] f = layer.split("-");
        int c = Integer.parseInt(f[0]);
        int hw = Integer.parseInt(f[1]);
        int filters = Integer.parseInt(f[2]);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        conv = Conv2d.of("conv", Conv2dSpec.same(ImageShape.of(c, hw, hw), filters, 3),
                Init.HE_UNIFORM, rng);
        ws = conv.workspace(batch);
        x = random(batch, conv.inputSize(), rng);
        gradOutput = random(batch, conv.outputSize(), rng);
    }

    @Benchmark
    public void forward(Blackhole bh) {
        bh.consume(conv.forward(x, ws));
    }

    @Benchmark
    public void forwardBackward(Blackhole bh) {
        Params.zeroGrad(conv.params());
        bh.consume(conv.forward(x, ws));
        bh.consume(conv.backward(gradOutput, ws));
    }

    static Matrix random(int rows, int cols, UniformRandomProvider rng) {
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return m;
    }
}
