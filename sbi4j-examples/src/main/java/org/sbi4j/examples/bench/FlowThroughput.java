package org.sbi4j.examples.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.optim.GradientClipping;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.DataParallel;

/**
 * Throughput of the density estimators with sbi's default settings, as {@code sbi4j bench
 * flows} measures it: training steps (forward, backward, clipping, Adam) in pairs per second,
 * log-density evaluations per second (batch 10,000) and samples per second for 1 and 1,000
 * contexts. Each figure is the best of several timed trials after a warm-up. Output lines:
 * {@code train <kind> theta=<d> x=<d> batch=<b> <pairs/s>}, {@code logprob <kind> theta=<d>
 * x=<d> <evaluations/s>}, {@code sample <kind> theta=<d> x=<d> contexts=<n> <samples/s>}.
 *
 * @param estimators  nsf, maf, mdn
 * @param dims        θ and x dimensions (the same for both)
 * @param trialMillis length of a timed trial
 * @param trials      timed trials; the best counts
 */
public record FlowThroughput(List<String> estimators, int[] dims, int trialMillis, int trials) {

    /** Checks the sizes. */
    public FlowThroughput {
        if (trialMillis < 1 || trials < 1) {
            throw new IllegalArgumentException("need a trial length and trial count of at least"
                    + " 1, got " + trialMillis + " ms and " + trials);
        }
        estimators = List.copyOf(estimators);
        dims = dims.clone();
    }

    /** Measures every estimator and dimension, passing each result line to {@code out}. */
    public void run(Consumer<String> out) {
        for (String kind : estimators) {
            for (int d : dims) {
                EstimatorSpec es = EstimatorSpec.defaults(kind);
                UniformRandomProvider build = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
                ConditionalDensityEstimator e = es.buildOne(d, new int[] {d}, build);
                // trained as Npe trains: data-parallel shards on the kernels' threads
                ConditionalDensityEstimator parallel = DataParallel.of(e,
                        () -> es.buildOne(d, new int[] {d}, build));
                for (int batch : new int[] {200, 10_000}) {
                    print(out, "train %s theta=%d x=%d batch=%d %.0f", kind, d, d, batch,
                            train(parallel, d, batch));
                }
                print(out, "logprob %s theta=%d x=%d %.0f", kind, d, d, logProb(e, d));
                for (int contexts : new int[] {1, 1000}) {
                    print(out, "sample %s theta=%d x=%d contexts=%d %.0f", kind, d, d, contexts,
                            sample(e, d, contexts));
                }
            }
        }
    }

    private static void print(Consumer<String> out, String fmt, Object... args) {
        out.accept(String.format(Locale.ROOT, fmt, args));
    }

    private static Matrix gaussian(int rows, int cols, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) g.sample();
        }
        return m;
    }

    /** Best rate (units per second) of {@code trials} timed trials of {@code body}. */
    private double best(Runnable body, long unitsPerCall) {
        long warmEnd = System.nanoTime() + 2L * trialMillis * 1_000_000L;
        while (System.nanoTime() < warmEnd) {
            body.run();
        }
        double best = 0;
        for (int t = 0; t < trials; t++) {
            long calls = 0;
            long start = System.nanoTime();
            long end = start + trialMillis * 1_000_000L;
            long now;
            do {
                body.run();
                calls++;
                now = System.nanoTime();
            } while (now < end);
            best = Math.max(best, calls * unitsPerCall / ((now - start) / 1e9));
        }
        return best;
    }

    private double train(ConditionalDensityEstimator e, int d, int batch) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        Matrix theta = gaussian(batch, d, rng);
        Matrix x = gaussian(batch, d, rng);
        List<Param> params = e.params();
        Adam adam = Adam.of(params, AdamConfig.defaults().withLearningRate(1e-5));
        ConditionalDensityEstimator.Workspace ws = e.workspace(batch);
        float[] snapshot = Params.values(params);
        double rate = best(() -> {
            Params.zeroGrad(params);
            e.lossAndGradient(theta, x, null, ws);
            GradientClipping.clipGlobalNorm(params, 5.0);
            adam.step();
        }, batch);
        Params.setValues(params, snapshot);
        return rate;
    }

    private double logProb(ConditionalDensityEstimator e, int d) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        int n = 10_000;
        Matrix theta = gaussian(n, d, rng);
        Matrix x = gaussian(n, d, rng);
        float[] out = new float[n];
        ConditionalDensityEstimator.Workspace ws = e.workspace(n);
        return best(() -> e.logProb(theta, x, out, ws), n);
    }

    private double sample(ConditionalDensityEstimator e, int d, int contexts) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        int total = 10_000;
        Matrix x = gaussian(contexts, d, rng);
        ConditionalDensityEstimator.Workspace ws = e.workspace(total);
        return best(() -> e.sample(total / contexts, x, rng, ws), total);
    }
}
