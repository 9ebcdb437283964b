package org.sbi4j.data;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.Mdn;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Mlp;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.tensor.Matrix;

/**
 * Benchmark (not a test; see docs/benchmarks.md "Scale-out"): simulates {@code rows} pairs of a
 * 10-parameter Gaussian model with 40-dimensional x into a store in DIR (200 bytes per row; skips
 * this if DIR already holds the finished store), then trains a small mixture density network (2 components, one hidden layer of 32) for
 * one epoch over the memory-mapped files, reporting rows/s and the heap in use. Run with a heap
 * far smaller than the files, e.g. {@code java -Xmx512m ... MappedTrainingBenchmark DIR 10000000}.
 */
public final class MappedTrainingBenchmark {

    static final int D = 10;
    static final int X = 40;

    private MappedTrainingBenchmark() {
    }

    /** x_k = θ_{k mod 10} + 0.1·ε_k, ε standard normal (ziggurat). */
    static final Simulator GAUSS = new Simulator() {
        @Override
        public int thetaDim() {
            return D;
        }

        @Override
        public int xDim() {
            return X;
        }

        @Override
        public void simulate(float[] t, int to, UniformRandomProvider rng, float[] x, int xo) {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int k = 0; k < X; k++) {
                x[xo + k] = (float) (t[to + k % D] + 0.1 * g.sample());
            }
        }
    };

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Prior prior = Priors.uniform(Priors.names("t", D), -1, 1);
        int chunk = (int) Math.min(200_000, Math.max(1000, rows / 50));
        StoreSettings settings = StoreSettings.of("gauss10x40", "uniform(-1,1)^10", 1, rows,
                chunk, D, X);
        SimulationStore store = SimulationStore.open(dir, settings);
        if (!store.isFinished()) {
            long t0 = System.nanoTime();
            store.run(prior, GAUSS, threads, (done, total) -> { });
            System.out.println(store.finish().summary());
            report("simulate", t0, rows);
        }
        long valRows = Math.min(20_000, rows / 10);
        try (MappedDataset all = MappedDataset.open(dir)) {
            Dataset validation = all.load(all.size() - valRows, all.size());
            MappedBatches train = all.rows(0, all.size() - valRows).batches(512);
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
            ConditionalDensityEstimator est = Mdn.of(Mlp.of(X, new int[] {32},
                    Mdn.outputSize(2, D), Activation.TANH, rng), 2, D);
            List<Param> params = est.params();
            Adam adam = Adam.of(params, AdamConfig.defaults().withLearningRate(1e-3));
            ConditionalDensityEstimator.Workspace ws = est.workspace(512);
            Matrix theta = train.newThetaBuffer();
            Matrix x = train.newXBuffer();
            long t0 = System.nanoTime();
            train.reset(rng);
            long seen = 0;
            long step = 0;
            double sum = 0;
            long maxHeap = 0;
            while (train.next(theta, x)) {
                Params.zeroGrad(params);
                sum += est.lossAndGradient(theta, x, null, ws) * theta.rows();
                adam.step();
                seen += theta.rows();
                if (++step % 100 == 0) {
                    Runtime rt = Runtime.getRuntime();
                    maxHeap = Math.max(maxHeap, rt.totalMemory() - rt.freeMemory());
                }
                if (step % 2000 == 0) {
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf("%d rows, mean loss %.4f, heap used %d MiB of max %d MiB%n",
                            seen, sum / seen, maxHeap >> 20, rt.maxMemory() >> 20);
                }
            }
            report("train one epoch", t0, seen);
            BatchSource vb = BatchSource.of(validation, 512);
            float[] lp = new float[512];
            double v = 0;
            while (vb.next(theta, x)) {
                est.logProb(theta, x, lp, ws);
                for (int i = 0; i < theta.rows(); i++) {
                    v -= lp[i];
                }
            }
            System.out.printf("train loss %.4f, validation loss %.4f on %d rows; max heap used"
                    + " %d MiB of %d MiB%n", sum / seen, v / validation.size(), validation.size(), maxHeap >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static void report(String what, long t0, long rows) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %d rows in %.1f s (%.0f rows/s)%n", what, rows, s, rows / s);
    }
}
