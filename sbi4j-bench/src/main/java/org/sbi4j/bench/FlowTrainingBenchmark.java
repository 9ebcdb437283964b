package org.sbi4j.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
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
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Params;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.optim.GradientClipping;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.DataParallel;

/**
 * One NPE training step as the trainer runs it: zero gradients, mean-NLL forward/backward in
 * two data-parallel shards ({@link DataParallel}), global-norm clipping at 5, Adam. Throughput is reported as steps/s and, via the auxiliary
 * counter {@code pairs}, as (θ, x) pairs/s. Targets: NSF ≥ 150,000 and MAF ≥ 250,000 pairs/s at
 * (2, 2), batch 200 (Python sbi: about 15,000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "-XX:+UseParallelGC"})
public class FlowTrainingBenchmark {

    @Param({"nsf", "maf", "mdn"})
    public String model;

    @Param({"2", "10"})
    public int dim;

    @Param({"200", "10000"})
    public int batch;

    private ConditionalDensityEstimator estimator;
    private ConditionalDensityEstimator.Workspace ws;
    private Adam adam;
    private Matrix theta;
    private Matrix x;

    /** Pairs processed, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Pairs {
        public long pairs;

        @Setup(Level.Iteration)
        public void reset() {
            pairs = 0;
        }
    }

    @Setup
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        // data-parallel shards on the kernels' threads, as Npe trains (replicas' weights are
        // overwritten each step, so their initialisation does not matter)
        estimator = DataParallel.of(FlowBenchmarks.estimator(model, dim, rng),
                () -> FlowBenchmarks.estimator(model, dim, rng));
        ws = estimator.workspace(batch);
        adam = Adam.of(estimator.params(), AdamConfig.defaults().withLearningRate(1e-6));
        theta = FlowBenchmarks.random(batch, dim, rng);
        x = FlowBenchmarks.random(batch, dim, rng);
    }

    @Benchmark
    public float step(Pairs counter) {
        Params.zeroGrad(estimator.params());
        float loss = estimator.lossAndGradient(theta, x, null, ws);
        GradientClipping.clipGlobalNorm(estimator.params(), 5.0);
        adam.step();
        counter.pairs += batch;
        return loss;
    }
}
