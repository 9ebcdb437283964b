package org.sbi4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.store.IndexRange;
import org.sbi4j.store.SimulationStore;

/** Spark local[2] (loopback only, no UI) against the local thread pool, same seed. */
class SparkSimulationsTest {

    static JavaSparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("sbi4j-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        sc = new JavaSparkContext(conf);
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    @Test
    void sparkRunGivesTheFilesOfALocalThreadPoolRun() throws IOException {
        ModelSource model = ModelSource.task("two_moons");
        SimulationStore store = SimulationStore.open(tmp.resolve("spark"),
                model.settings(42, 1000, 96));
        long[] last = {0};
        SparkSimulations.run(sc, store, model, 3, (done, total) -> last[0] = done);
        assertThat(last[0]).isEqualTo(1000);
        store.finish();

        SimulationResult local = Simulations.run(model.prior(), model.simulator(), 1000, 42, 2,
                SimulationProgress.NONE);
        Path dir = store.dir();
        assertThat(Files.readAllBytes(dir.resolve("theta.npy")))
                .isEqualTo(Npy.toBytes(NpyArray.of(local.theta())));
        assertThat(Files.readAllBytes(dir.resolve("x.npy")))
                .isEqualTo(Npy.toBytes(NpyArray.of(local.x())));
        assertThat(Files.readAllBytes(dir.resolve("index.npy")))
                .isEqualTo(Npy.toBytes(NpyArray.of(local.index())));
    }

    @Test
    void sparkResumesAStoreStartedLocallyAndRefusesAnotherModel() throws IOException {
        ModelSource model = ModelSource.task("gaussian_linear");
        Path dir = tmp.resolve("mixed");
        SimulationStore store = SimulationStore.open(dir, model.settings(7, 500, 100));
        SimulationResult first = Simulations.builder(model.prior(), model.simulator()).seed(7)
                .threads(1).run(100, 200);
        store.writeChunk(new IndexRange(100, 200), first);
        SparkSimulations.run(sc, store, model);
        assertThat(store.isComplete()).isTrue();
        store.finish();
        SimulationResult local = Simulations.run(model.prior(), model.simulator(), 500, 7, 1,
                SimulationProgress.NONE);
        assertThat(Files.readAllBytes(dir.resolve("x.npy")))
                .isEqualTo(Npy.toBytes(NpyArray.of(local.x())));

        SimulationStore other = SimulationStore.open(tmp.resolve("o"),
                model.settings(7, 500, 100));
        assertThatThrownBy(() -> SparkSimulations.run(sc, other, ModelSource.task("two_moons")))
                .hasMessageContaining("simulator: \"two_moons\"");
        assertThat(List.of(Files.list(tmp.resolve("o")).toArray())).hasSize(1);
    }
}
