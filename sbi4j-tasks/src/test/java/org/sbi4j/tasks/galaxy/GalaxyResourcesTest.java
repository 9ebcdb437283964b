package org.sbi4j.tasks.galaxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * The stored files are what the code makes: with {@code -Dgalaxy.write=DIR} this writes them
 * (GalaxyResources); without, it regenerates the observations (exactly) and the first 20 states of
 * each reference chain (a chain's first states do not depend on its length) and compares.
 */
class GalaxyResourcesTest {

    @Test
    void storedFilesAreWhatTheCodeMakes() {
        String dir = System.getProperty("galaxy.write");
        GalaxyImageTask task = GalaxyImageTask.task();
        for (int k = 1; k <= GalaxyImageTask.OBSERVATIONS; k++) {
            if (dir != null) {
                long t0 = System.nanoTime();
                GalaxyResources.write(Path.of(dir), k);
                System.out.printf("galaxy_image observation %d written in %.1f s%n", k,
                        (System.nanoTime() - t0) / 1e9);
                continue;
            }
            float[] x = GalaxyImageTask.simulateObservation(k);
            assertThat(task.observation(k)).as("observation %d", k).containsExactly(x);
            assertThat(task.trueParameters(k)).containsExactly(GalaxyImageTask.truth(k));
            Matrix stored = task.referenceJoint(k);
            assertThat(stored.rows()).isEqualTo(GalaxyImageTask.REFERENCE_SAMPLES);
            Matrix head = GalaxyImageTask.referenceChain(x, k, 20);
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < GalaxyReference.DIM; j++) {
                    assertThat(stored.get(i, j)).as("obs %d reference row %d col %d", k, i, j)
                            .isEqualTo(head.get(i, j));
                }
            }
        }
    }
}
