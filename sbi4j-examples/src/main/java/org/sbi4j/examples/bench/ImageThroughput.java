package org.sbi4j.examples.bench;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.optim.GradientClipping;
import org.sbi4j.posterior.EmbeddingKinds;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.DataParallel;

/**
 * Training throughput of NSF with the default 2-D CNN embedding on 1×side×side images, in images
 * per second: whole training steps (embedding and flow forward and backward, gradient clipping at
 * norm 5, Adam) as {@code Npe} takes them, data-parallel shards on the kernels' threads. The
 * figure is the best of {@code trials} timed trials of {@code trialMillis} after a warm-up of two
 * trials' length. Run (after building the CLI jar):
 * <pre>
 *   java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp sbi4j-cli/target/sbi4j.jar \
 *       org.sbi4j.examples.bench.ImageThroughput [side [batch [thetaDim]]]
 * </pre>
 * (defaults 64, 200, 1; prints {@code train nsf+cnn2d x=1x64x64 theta=1 batch=200 <images/s>
 * (<images per CPU-second>; <n> processors)}).
 *
 * @param side        image side in pixels
 * @param batch       rows per step
 * @param thetaDim    dimension of θ
 * @param trialMillis length of a timed trial
 * @param trials      timed trials; the best counts
 */
public record ImageThroughput(int side, int batch, int thetaDim, int trialMillis, int trials) {

    /** Checks the sizes. */
    public ImageThroughput {
        if (side < 8 || batch < 1 || thetaDim < 1 || trialMillis < 1 || trials < 1) {
            throw new IllegalArgumentException("image throughput needs side >= 8 and positive "
                    + "batch, theta dim, trial length and trials; got " + side + ", " + batch + ", "
                    + thetaDim + ", " + trialMillis + ", " + trials);
        }
    }

    /**
     * The best trial's images per second (wall clock) and, over all timed trials, images per
     * second of the process's CPU time (a figure less sensitive to other load on the machine).
     */
    public record Rate(double imagesPerSecond, double imagesPerCpuSecond) {
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Images per second of one training step at this size. */
    public Rate measure() {
        EstimatorSpec spec = EstimatorSpec.defaults("nsf").withEmbedding(EmbeddingKinds.defaults("cnn2d"));
        int[] shape = {1, side, side};
        UniformRandomProvider build = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        ConditionalDensityEstimator e = DataParallel.of(spec.buildOne(thetaDim, shape, build),
                () -> spec.buildOne(thetaDim, shape, build));
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        Matrix theta = gaussian(batch, thetaDim, rng);
        Matrix x = gaussian(batch, side * side, rng);
        List<Param> params = e.params();
        Adam adam = Adam.of(params, AdamConfig.defaults().withLearningRate(1e-5));
        ConditionalDensityEstimator.Workspace ws = e.workspace(batch);
        Runnable step = () -> {
            Params.zeroGrad(params);
            e.lossAndGradient(theta, x, null, ws);
            GradientClipping.clipGlobalNorm(params, 5.0);
            adam.step();
        };
        long warmEnd = System.nanoTime() + 2L * trialMillis * 1_000_000L;
        while (System.nanoTime() < warmEnd) {
            step.run();
        }
        double best = 0;
        long cpu0 = cpuNanos();
        long images = 0;
        for (int t = 0; t < trials; t++) {
            long calls = 0;
            long start = System.nanoTime();
            long end = start + trialMillis * 1_000_000L;
            long now;
            do {
                step.run();
                calls++;
                now = System.nanoTime();
            } while (now < end);
            best = Math.max(best, calls * (double) batch / ((now - start) / 1e9));
            images += calls * batch;
        }
        return new Rate(best, images / ((cpuNanos() - cpu0) / 1e9));
    }

    private static Matrix gaussian(int rows, int cols, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) g.sample();
        }
        return m;
    }

    /** Prints the figure: optional arguments side, batch, θ dimension (5 trials of 3 s). */
    public static void main(String[] args) {
        int side = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Rate rate = new ImageThroughput(side, batch, d, 3_000, 5).measure();
        System.out.printf(Locale.ROOT, "train nsf+cnn2d x=1x%dx%d theta=%d batch=%d %.0f images/s "
                + "(%.0f images per CPU-second; %d processors)%n", side, side, d, batch,
                rate.imagesPerSecond(), rate.imagesPerCpuSecond(),
                Runtime.getRuntime().availableProcessors());
    }
}
