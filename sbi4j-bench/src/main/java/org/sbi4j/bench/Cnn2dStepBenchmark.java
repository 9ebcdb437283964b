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
import org.sbi4j.nn.Cnn2d;
import org.sbi4j.nn.Cnn2dConfig;
import org.sbi4j.nn.ImageShape;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Params;
import org.sbi4j.nn.Sequential;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * One training step of the default image embedding ({@link Cnn2dConfig#defaults}, 1×64×64 →
 * 10): zero gradients, forward, backward of a fixed dL/dy, Adam update. Images per second =
 * batch / (time per step). {@code residual} adds a residual unit to every block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "-XX:+UseParallelGC"})
public class Cnn2dStepBenchmark {

    @Param({"200"})
    public int batch;

    @Param({"false"})
    public boolean residual;

    private Sequential net;
    private Adam adam;
    private Layer.Workspace ws;
    private Matrix x;
    private Matrix gradOutput;

    @Setup
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        net = Cnn2d.of(Cnn2dConfig.defaults(ImageShape.of(1, 64, 64), 10).withResidual(residual),
                rng);
        adam = Adam.of(net.params(), AdamConfig.defaults());
        ws = net.workspace(batch);
        x = Conv2dBenchmark.random(batch, net.inputSize(), rng);
        gradOutput = Conv2dBenchmark.random(batch, 10, rng);
        Ops.scale(1f / batch, gradOutput);
    }

    @Benchmark
    public void step(Blackhole bh) {
        Params.zeroGrad(net.params());
        bh.consume(net.forward(x, ws));
        bh.consume(net.backward(gradOutput, ws));
        adam.step(1e-6);
    }
}
