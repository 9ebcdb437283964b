package org.sbi4j.tasks.realism;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Writes the stored observations of the realism tasks: for task T and k = 1..3,
 * x = simulate(θ_k) with θ_k from the {@link RealismTask.Definition} and one
 * XO_RO_SHI_RO_128_PP stream seeded {@link #OBSERVATION_SEED} + k, into
 * {@code <root>/<T>/obs<k>/observation.csv} (header x_1..x_n; NaN for padding),
 * {@code true_parameters.csv} (header: the parameter names; values as float32) and
 * {@code observation_seed.csv}.
 *
 * <p>The resources under sbi4j-tasks/src/main/resources/realism were written by
 * <pre>
 *   mvn -B -q -pl sbi4j-tasks -am test -Dtest=RealismObservationsTest \
 *       -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Drealism.write=$PWD/sbi4j-tasks/src/main/resources/realism
 * </pre>
 * and RealismObservationsTest checks that regenerating them gives the same values.
 */
public final class RealismObservations {

    /** Base seed of the observation streams. */
    public static final long OBSERVATION_SEED = 3_000_000L;

    private RealismObservations() {
    }

    /** Observation k (1..3) of a definition, regenerated. */
    public static float[] simulate(RealismTask.Definition def, int k) {
        if (k < 1 || k > RealismTask.OBSERVATIONS) {
            throw new IllegalArgumentException("observation " + k + " does not exist; use 1.."
                    + RealismTask.OBSERVATIONS);
        }
        float[] x = new float[def.simulator().xDim()];
        def.simulator().simulate(def.trueParameters(k), 0,
                RandomSource.XO_RO_SHI_RO_128_PP.create(OBSERVATION_SEED + k), x, 0);
        return x;
    }

    /** Writes the files of every realism task under root. */
    public static void write(Path root) {
        for (RealismTask.Definition def : RealismTasks.definitions()) {
            for (int k = 1; k <= RealismTask.OBSERVATIONS; k++) {
                Path dir = root.resolve(def.name()).resolve("obs" + k);
                float[] x = simulate(def, k);
                List<String> xNames = java.util.stream.IntStream.rangeClosed(1, x.length)
                        .mapToObj(i -> "x_" + i).toList();
                try {
                    Files.createDirectories(dir);
                    Files.writeString(dir.resolve("observation.csv"), csv(xNames, x), StandardCharsets.UTF_8);
                    Files.writeString(dir.resolve("true_parameters.csv"),
                            csv(def.prior().names(), def.trueParameters(k)), StandardCharsets.UTF_8);
                    Files.writeString(dir.resolve("observation_seed.csv"),
                            "observation_seed\n" + (OBSERVATION_SEED + k) + "\n", StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write observation " + k + " of " + def.name(), e);
                }
            }
        }
    }

    private static String csv(List<String> names, float[] values) {
        StringJoiner header = new StringJoiner(",", "", "\n");
        names.forEach(header::add);
        StringJoiner row = new StringJoiner(",", "", "\n");
        for (float v : values) {
            row.add(Float.toString(v));
        }
        return header + row.toString();
    }

    /** Writes the files under the folder given as the only argument. */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RealismObservations <resources/realism folder>");
        }
        write(Path.of(args[0]));
    }
}
