package org.sbi4j.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point for {@code spark-submit}: simulates a benchmark task on the cluster into a
 * simulation store on the driver's file system (resuming one left by an earlier driver), then
 * writes theta.npy, x.npy and index.npy. Exit codes: 0 done, 1 failure ({@code error:} line),
 * 2 usage error.
 *
 * <pre>
 * spark-submit --class org.sbi4j.spark.SparkSimulate --master spark://host:7077 sbi4j-spark.jar \
 *     --task two_moons -n 10000000 --seed 42 --chunk-size 100000 --out /data/two_moons
 * </pre>
 */
@Command(name = "sbi4j-spark-simulate", mixinStandardHelpOptions = true,
        description = "Simulate a benchmark task on Spark into a resumable simulation store.")
public final class SparkSimulate implements Callable<Integer> {

    @Option(names = "--task", required = true, description = "Task name, e.g. two_moons.")
    String task;

    @Option(names = "-n", required = true, description = "Number of simulations.")
    long n;

    @Option(names = "--seed", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--chunk-size", description = "Simulations per chunk and Spark task"
            + " (default: ${DEFAULT-VALUE}).")
    int chunkSize = 10_000;

    @Option(names = "--wave", description = "Chunks per Spark job (default: 4 x parallelism).")
    int wave = 0;

    @Option(names = "--out", required = true, description = "Store folder on the driver.")
    Path out;

    @Option(names = "--master", description = "Spark master when not set by spark-submit"
            + " (default: local[*]).")
    String master;

    @Override
    public Integer call() {
        SparkConf conf = new SparkConf().setAppName("sbi4j simulate " + task);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            ModelSource model = ModelSource.task(task);
            SimulationStore store = SimulationStore.open(out, model.settings(seed, n, chunkSize));
            long t0 = System.nanoTime();
            int w = wave > 0 ? wave : 4 * sc.defaultParallelism();
            SparkSimulations.run(sc, store, model, w, (done, total) ->
                    System.err.printf("%d/%d simulations%n", done, total));
            StoreSummary s = store.finish();
            System.out.printf("%s in %.1f s: %s%n", out, (System.nanoTime() - t0) / 1e9,
                    s.summary());
            return 0;
        } catch (Exception e) {
            System.err.println("error: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            return 1;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkSimulate()).execute(args));
    }
}
