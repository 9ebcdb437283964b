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
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Mlp;
import org.sbi4j.nn.Params;
import org.sbi4j.nn.Sequential;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * One MLP training step: zero gradients, forward, backward of a fixed dL/dy, Adam update.
 *
 * <p>Network in → 50 → 50 → out with ReLU (in = 10, out = 10): the size of a small NPE
 * embedding or C2ST classifier. Batch sizes 200 (NPE's default) and 10,000 (a C2ST full batch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "-XX:+UseParallelGC"})
public class MlpStepBenchmark {

    @Param({"200", "10000"})
    public int batch;

    @Param({"50"})
    public int width;

    private Sequential net;
    private Adam adam;
    private Layer.Workspace ws;
    private Matrix x;
    private Matrix gradOutput;

    @Setup
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        net = Mlp.of(10, new int[] {width, width}, 10, Activation.RELU, rng);
        adam = Adam.of(net.params(), AdamConfig.defaults());
        ws = net.workspace(batch);
        x = random(batch, 10, rng);
        gradOutput = random(batch, 10, rng);
        Ops.scale(1f / batch, gradOutput);
    }

    @Benchmark
    public void step(Blackhole bh) {
        Params.zeroGrad(net.params());
        bh.consume(net.forward(x, ws));
        bh.consume(net.backward(gradOutput, ws));
        adam.step(1e-6);
    }

    private static Matrix random(int rows, int cols, UniformRandomProvider rng) {
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return m;
    }
}
