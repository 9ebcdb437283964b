package org.sbi4j.store;

import java.nio.file.Path;
import org.sbi4j.sim.SimulationProgress;

/**
 * A store run with a slow simulator, started in its own JVM by {@link KilledRunTest} and killed
 * there part-way. Arguments: folder, seed, n, chunk size, milliseconds per simulation.
 */
public final class SlowRunMain {

    private SlowRunMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        StoreSettings settings = StoreModels.settings(Long.parseLong(args[1]),
                Long.parseLong(args[2]), Integer.parseInt(args[3]));
        SimulationStore store = SimulationStore.open(dir, settings);
        store.run(SimulationStoreTest.PRIOR, new StoreModels.Line(Long.parseLong(args[4])), 1,
                SimulationProgress.NONE);
        store.finish();
    }
}
