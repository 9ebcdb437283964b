package org.sbi4j.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * Density evaluation and sampling throughput (per θ): log q(θ | x) for a batch of 10,000 rows,
 * and 100,000 draws spread over 1 or 1,000 contexts (workspace of 10,000 rows). Target: NSF
 * ≥ 1 million samples/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "-XX:+UseParallelGC"})
public class FlowSamplingBenchmark {

    private static final int ROWS = 10_000;
    private static final int DRAWS = 100_000;

    @Param({"nsf", "maf", "mdn"})
    public String model;

    @Param({"2", "10"})
    public int dim;

    @Param({"1", "1000"})
    public int contexts;

    private ConditionalDensityEstimator estimator;
    private ConditionalDensityEstimator.Workspace ws;
    private Matrix theta;
    private Matrix x;
    private Matrix xs;
    private float[] logProb;
    private UniformRandomProvider rng;

    @Setup
    public void setUp() {
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        estimator = FlowBenchmarks.estimator(model, dim, rng);
        ws = estimator.workspace(ROWS);
        theta = FlowBenchmarks.random(ROWS, dim, rng);
        x = FlowBenchmarks.random(ROWS, dim, rng);
        xs = FlowBenchmarks.random(contexts, dim, rng);
        logProb = new float[ROWS];
    }

    /** log q for 10,000 (θ, x) rows; throughput in rows/s. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public float[] logProb() {
        estimator.logProb(theta, x, logProb, ws);
        return logProb;
    }

    /** 100,000 draws over the contexts; throughput in samples/s. */
    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public Matrix sample() {
        return estimator.sample(DRAWS / contexts, xs, rng, ws);
    }
}
