package org.sbi4j.tasks.galaxy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.sbi4j.tensor.Matrix;

/**
 * Writes the resources of galaxy_image under sbi4j-tasks/src/main/resources/galaxy_image:
 * for k = 1..3, {@code obs<k>/observation.csv} (x = simulate(θ_k), stream seeded
 * 3,100,000 + k), {@code true_parameters.csv}, {@code observation_seed.csv} and
 * {@code reference_posterior_samples.csv.gz} (the reference chain, stream seeded 2,100,000 + k).
 * The command (about a minute per observation on one core):
 * <pre>
 *   mvn -B -q -pl sbi4j-tasks -am test -Dtest=GalaxyResourcesTest \
 *       -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dgalaxy.write=$PWD/sbi4j-tasks/src/main/resources/galaxy_image
 * </pre>
 * Without the property, GalaxyResourcesTest checks the stored files against the code.
 */
public final class GalaxyResources {

    private GalaxyResources() {
    }

    /** Writes observation k's files under root/obs<k>. */
    public static void write(Path root, int k) {
        Path dir = root.resolve("obs" + k);
        float[] x = GalaxyImageTask.simulateObservation(k);
        Matrix ref = GalaxyImageTask.referenceChain(x, k, GalaxyImageTask.REFERENCE_SAMPLES);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("observation.csv"), row(IntStream.rangeClosed(1, x.length)
                    .mapToObj(i -> "x_" + i).toList(), x), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("true_parameters.csv"),
                    row(List.of(GalaxyImage.NAMES), GalaxyImageTask.truth(k)), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("observation_seed.csv"), "observation_seed\n"
                    + (GalaxyImageTask.OBSERVATION_SEED + k) + "\n", StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder(String.join(",",
                    List.of(GalaxyImage.NAMES).subList(0, GalaxyReference.DIM))).append('\n');
            for (int i = 0; i < ref.rows(); i++) {
                for (int j = 0; j < ref.cols(); j++) {
                    sb.append(j == 0 ? "" : ",").append(ref.get(i, j));
                }
                sb.append('\n');
            }
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(
                    dir.resolve("reference_posterior_samples.csv.gz")))) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write galaxy_image observation " + k, e);
        }
    }

    private static String row(List<String> names, float[] values) {
        StringJoiner header = new StringJoiner(",", "", "\n");
        names.forEach(header::add);
        StringJoiner row = new StringJoiner(",", "", "\n");
        for (float v : values) {
            row.add(Float.toString(v));
        }
        return header + row.toString();
    }
}
