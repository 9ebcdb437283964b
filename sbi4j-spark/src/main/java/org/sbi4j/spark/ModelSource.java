package org.sbi4j.spark;

import java.io.Serializable;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;

/**
 * How executors obtain the prior and the simulator: priors and simulators are not serialisable,
 * so Spark ships this small recipe and each task builds its own instances.
 */
public interface ModelSource extends Serializable {

    /** The simulator id recorded in the store settings, e.g. "two_moons". */
    String simulatorId();

    /** The prior description recorded in the store settings. */
    String priorDescription();

    /** A prior instance (called once per Spark task). */
    Prior prior();

    /** A simulator instance (called once per Spark task). */
    Simulator simulator();

    /** Store settings for n simulations of this model with the given seed and chunk size. */
    default StoreSettings settings(long seed, long n, int chunkSize) {
        return StoreSettings.of(simulatorId(), priorDescription(), seed, n, chunkSize,
                prior().dim(), simulator().xShape());
    }

    /**
     * The benchmark task {@code name} of {@link Tasks} (its own prior and simulator); recorded
     * as simulator {@code name} and prior {@code "task:" + name}.
     */
    static ModelSource task(String name) {
        Tasks.byName(name);
        return new TaskSource(name);
    }

    /** A task of the sbi4j-tasks registry, rebuilt by name on each executor. */
    record TaskSource(String name) implements ModelSource {
        @Override
        public String simulatorId() {
            return name;
        }

        @Override
        public String priorDescription() {
            return "task:" + name;
        }

        @Override
        public Prior prior() {
            return task().prior();
        }

        @Override
        public Simulator simulator() {
            return task().simulator();
        }

        private Task task() {
            return Tasks.byName(name);
        }
    }
}
