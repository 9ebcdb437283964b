package org.sbi4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.store.SimulationStore;

/**
 * Benchmark (not a test; figures in docs/benchmarks.md "Scale-out"): simulations per second of
 * a task through a local store (thread pool, 1 and 2 threads) and through Spark local[1] and
 * local[2], and Spark's overhead per task: (Spark time − local store time) / chunks for a run of
 * many one-simulation chunks. Arguments: task, n, tiny-chunk count, repetitions.
 */
public final class SparkOverheadBenchmark {

    private SparkOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String task = args.length > 0 ? args[0] : "two_moons";
        long n = args.length > 1 ? Long.parseLong(args[1]) : 400_000;
        int tiny = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ModelSource model = ModelSource.task(task);
        Path root = Files.createTempDirectory("sbi4j-bench");
        int chunk = (int) Math.max(1, n / 40);
        for (int threads = 1; threads <= 2; threads++) {
            int t = threads;
            best("local store, " + t + " thread(s)", n, reps, root, dir -> {
                SimulationStore s = SimulationStore.open(dir, model.settings(1, n, chunk));
                s.run(model.prior(), model.simulator(), t, SimulationProgress.NONE);
                s.finish();
            });
        }
        double localTiny = best("local store, " + tiny + " chunks of 1", tiny, reps, root, dir -> {
            SimulationStore s = SimulationStore.open(dir, model.settings(1, tiny, 1));
            s.run(model.prior(), model.simulator(), 1, SimulationProgress.NONE);
            s.finish();
        });
        for (int cores = 1; cores <= 2; cores++) {
            SparkConf conf = new SparkConf().setMaster("local[" + cores + "]")
                    .setAppName("sbi4j-bench").set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                best("spark local[" + cores + "]", n, reps, root, dir -> {
                    SimulationStore s = SimulationStore.open(dir, model.settings(1, n, chunk));
                    SparkSimulations.run(sc, s, model);
                    s.finish();
                });
                double sparkTiny = best("spark local[" + cores + "], " + tiny + " chunks of 1", tiny,
                        reps, root, dir -> {
                            SimulationStore s = SimulationStore.open(dir,
                                    model.settings(1, tiny, 1));
                            SparkSimulations.run(sc, s, model, tiny, SimulationProgress.NONE);
                            s.finish();
                        });
                System.out.printf("spark local[%d]: overhead per task %.2f ms%n", cores,
                        (sparkTiny - localTiny) / tiny * 1e3);
            }
        }
    }

    interface Run {
        void run(Path dir) throws Exception;
    }

    /** Best wall time of {@code reps} runs (after one warm-up) in fresh folders; prints rate. */
    private static double best(String what, long n, int reps, Path root, Run r) throws Exception {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= reps; i++) {
            Path dir = root.resolve(what.replaceAll("\\W+", "_") + i);
            long t0 = System.nanoTime();
            r.run(dir);
            double s = (System.nanoTime() - t0) / 1e9;
            if (i > 0) {
                best = Math.min(best, s);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf("%s: %d simulations in %.3f s (%.0f simulations/s)%n", what, n, best,
                n / best);
        return best;
    }
}
