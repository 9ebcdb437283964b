package org.sbi4j.examples.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.data.BatchSource;
import org.sbi4j.data.Dataset;
import org.sbi4j.data.MappedBatches;
import org.sbi4j.data.MappedDataset;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.posterior.EmbeddingKinds;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.train.DataParallel;
import org.sbi4j.train.Trainer;
import org.sbi4j.train.TrainingConfig;
import org.sbi4j.train.TrainingReport;

/**
 * Measurement (docs/examples/galaxy_image.md, "Memory"): simulates {@code rows} galaxy_image
 * pairs (64×64 images, 16 KiB each) into a simulation store in DIR (skipped if DIR holds the
 * finished store), then streams every training row once through the memory-mapped files
 * ({@link MappedDataset}, {@link MappedBatches} of 200 from windows of 4 blocks of 256 rows) and
 * trains NSF with the default 2-D CNN embedding for one epoch over the first TRAIN_ROWS of them
 * (default all; the last 2,000 rows validate, in chunks of 200), printing the peak live heap
 * (the heap pools' usage after their last collection, sampled every 50 ms) beside the data's
 * size. θ is all six parameters, x as simulated (no standardisation): this
 * measures memory and throughput, not accuracy. Run with a heap far smaller than the data:
 * <pre>
 *   java -Xmx1g --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp sbi4j-cli/target/sbi4j.jar \
 *       org.sbi4j.examples.bench.GalaxyMappedTraining DIR 100000 2 [TRAIN_ROWS]
 * </pre>
 */
public final class GalaxyMappedTraining {

    private GalaxyMappedTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: GalaxyMappedTraining DIR ROWS [THREADS]");
        }
        Path dir = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long trainRows = args.length > 3 ? Long.parseLong(args[3]) : rows - 2_000;
        Task task = Tasks.byName("galaxy_image");
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            var pools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans();
            while (true) {
                long live = 0;
                for (var p : pools) {
                    var u = p.getCollectionUsage();
                    live += u == null ? 0 : u.getUsed();
                }
                peak.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        SimulationStore store = SimulationStore.open(dir, StoreSettings.of("galaxy_image",
                "galaxy_image prior", 1, rows, 5_000, task.thetaDim(), 1, 64, 64));
        if (!store.isFinished()) {
            long t0 = System.nanoTime();
            store.run(task.prior(), task.simulator(), threads, (done, total) -> { });
            System.out.println(store.finish().summary());
            print("simulate %d images in %.1f s; peak live heap %d MiB", rows, seconds(t0),
                    peak.get() >> 20);
        }
        peak.set(0);
        long valRows = 2_000;
        try (MappedDataset all = MappedDataset.open(dir)) {
            Dataset validation = all.load(all.size() - valRows, all.size());
            MappedBatches pass = all.rows(0, all.size() - valRows).batches(200, 256, 4);
            long p0 = System.nanoTime();
            pass.reset(RandomSource.XO_RO_SHI_RO_128_PP.create(6L));
            var tb = pass.newThetaBuffer();
            var xb = pass.newXBuffer();
            long seen = 0;
            double check = 0;
            while (pass.next(tb, xb)) {
                seen += tb.rows();
                check += xb.get(0, 2080);
            }
            print("stream %d mapped images (%.2f GB of x) in %.1f s; peak live heap %d MiB (check %.1f)",
                    seen, seen * 4096 * 4 / 1e9, seconds(p0), peak.get() >> 20, check);
            long n = Math.min(trainRows, all.size() - valRows);
            MappedBatches train = all.rows(0, n).batches(200, 256, 4);
            EstimatorSpec spec = EstimatorSpec.defaults("nsf")
                    .withEmbedding(EmbeddingKinds.defaults("cnn2d"));
            int[] shape = {1, 64, 64};
            var build = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
            ConditionalDensityEstimator est = DataParallel.of(
                    spec.buildOne(task.thetaDim(), shape, build),
                    () -> spec.buildOne(task.thetaDim(), shape, build));
            long t0 = System.nanoTime();
            TrainingReport rep = Trainer.of(TrainingConfig.DEFAULTS.withMaxEpochs(1))
                    .train(est, train, BatchSource.of(validation, 200),
                            RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
            double s = seconds(t0);
            print("train one epoch over %d mapped images in %.1f s (%.0f images/s); "
                    + "train loss %.4f, validation loss %.4f; peak live heap %d MiB of max %d MiB",
                    n, s, n / s,
                    rep.trainLosses()[0], rep.validationLosses()[0], peak.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
        sampler.interrupt();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void print(String fmt, Object... args) {
        System.out.println(String.format(Locale.ROOT, fmt, args));
    }
}
