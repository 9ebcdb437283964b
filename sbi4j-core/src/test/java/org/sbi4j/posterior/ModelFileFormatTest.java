package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.flows.NsfSettings;
import org.sbi4j.tensor.Matrix;

/**
 * Model files of every format shipped (golden files: format 1 of sbi4j 0.1.0, format 2 of main
 * at 4112939, format 3 of main at 8ba8b9d, format 4 of main at 9c4eb8f) load and give the log-densities they gave when written; re-saved they become the
 * current format and give the same values bit for bit; an unknown version is refused by name.
 */
class ModelFileFormatTest {

    private static final List<String> GOLDEN = List.of("nsf", "maf", "mdn", "ensemble-mlp");

    /** Golden folders with the format version their files have. */
    private static final Map<String, Integer> FOLDERS = Map.of("model-0.1.0", 1,
            "model-format-2", 2, "model-format-3", 3, "model-format-4", 4);

    private static Path golden(String name) throws URISyntaxException {
        return golden("model-0.1.0", name);
    }

    private static Path golden(String folder, String name) throws URISyntaxException {
        return Path.of(ModelFileFormatTest.class.getResource("/golden/" + folder + "/" + name)
                .toURI());
    }

    /** One observation of log_prob.csv with its θ rows and the log-densities written. */
    private record Case(float[] x, List<float[]> theta, List<Double> logProb) {
    }

    private static Map<String, Map<String, Case>> cases() throws Exception {
        return cases("model-0.1.0");
    }

    private static Map<String, Map<String, Case>> cases(String folder) throws Exception {
        Map<String, Map<String, Case>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(golden(folder, "log_prob.csv"));
        assertThat(lines.get(0)).isEqualTo("model,row,a,b,x0,x1,x2,x3,log_prob");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            float[] x = {Float.parseFloat(f[4]), Float.parseFloat(f[5]), Float.parseFloat(f[6]),
                    Float.parseFloat(f[7])};
            Case c = out.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent(String.join(",", f[4], f[5], f[6], f[7]),
                            k -> new Case(x, new ArrayList<>(), new ArrayList<>()));
            c.theta().add(new float[] {Float.parseFloat(f[2]), Float.parseFloat(f[3])});
            c.logProb().add(Double.parseDouble(f[8]));
        }
        return out;
    }

    private static int version(Path f) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(f), ModelFile.MAGIC.length, 4).getInt();
    }

    private static double[] logProb(Posterior p, Case c) {
        return p.at(c.x()).logProb(Matrix.fromRows(c.theta().toArray(float[][]::new)));
    }

    /**
     * Tolerance: |Δ| ≤ 1e-6 · max(1, |log q|), i.e. 1e-6 absolute, relative for |log q| &gt; 1
     * (the values are float32 network outputs summed in double; a different kernel order may
     * change the last bits).
     */
    @Test
    void goldenFilesOfEveryShippedFormatGiveTheLogDensitiesTheyGaveWhenWritten()
            throws Exception {
        for (var folder : FOLDERS.entrySet()) {
            goldenFilesGiveTheirLogDensities(folder.getKey(), folder.getValue());
        }
    }

    private static void goldenFilesGiveTheirLogDensities(String folder, int format)
            throws Exception {
        Map<String, Map<String, Case>> cases = cases(folder);
        assertThat(cases.keySet()).containsExactlyElementsOf(GOLDEN);
        for (String model : GOLDEN) {
            Path f = golden(folder, model + ".sbi4j");
            assertThat(version(f)).isEqualTo(format);
            Posterior p = PosteriorFiles.load(f);
            assertThat(cases.get(model)).hasSize(2);
            for (Case c : cases.get(model).values()) {
                double[] lp = logProb(p, c);
                assertThat(lp).hasSize(16);
                for (int i = 0; i < lp.length; i++) {
                    double want = c.logProb().get(i);
                    assertThat(Math.abs(lp[i] - want)).as("%s row %d", model, i)
                            .isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(want)));
                }
            }
        }
        assertThat(PosteriorFiles.load(golden(folder, "ensemble-mlp.sbi4j")).spec())
                .isEqualTo(new EstimatorSpec(NsfSettings.defaults().withHiddenFeatures(8)
                        .withTransforms(2).withBins(4), EmbeddingSettings.mlp(new int[] {8}, 3),
                        2));
    }

    @Test
    void aFormat1FileResavedInTheCurrentFormatGivesIdenticalLogDensities(@TempDir Path dir)
            throws Exception {
        Map<String, Map<String, Case>> cases = cases();
        for (String model : GOLDEN) {
            Posterior old = PosteriorFiles.load(golden(model + ".sbi4j"));
            Path f = dir.resolve(model + ".sbi4j");
            PosteriorFiles.save(old, f);
            assertThat(version(f)).isEqualTo(ModelFile.VERSION);
            assertThat(ModelFile.read(f).arrays()).doesNotContainKey(ModelWeights.FLAT)
                    .containsKey(ModelWeights.PREFIX + old.estimator().params().get(0).name());
            Posterior again = PosteriorFiles.load(f);
            assertThat(again.spec()).isEqualTo(old.spec());
            assertThat(again.provenance()).isEqualTo(old.provenance());
            for (Case c : cases.get(model).values()) {
                assertThat(logProb(again, c)).containsExactly(logProb(old, c));
            }
        }
    }

    @Test
    void anUnknownVersionIsRefusedNamingItAndTheVersionsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.sbi4j");
        PosteriorFiles.save(PosteriorFiles.load(golden("mdn.sbi4j")), f);
        byte[] bytes = Files.readAllBytes(f);
        bytes[ModelFile.MAGIC.length + 3] = 6;
        Path six = dir.resolve("v6.sbi4j");
        Files.write(six, bytes);
        assertThatThrownBy(() -> PosteriorFiles.load(six)).isInstanceOf(IOException.class)
                .hasMessageContaining("format version 6")
                .hasMessageContaining("this build reads versions 1, 2, 3, 4 and 5");
    }

    @Test
    void aMissingOrMisshapedParameterIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.sbi4j");
        Posterior p = PosteriorFiles.load(golden("ensemble-mlp.sbi4j"));
        PosteriorFiles.save(p, f);
        ModelFile.Contents c = ModelFile.read(f);
        String name = "member1.embedding.dense0.weight";
        assertThat(c.arrays()).containsKey(ModelWeights.PREFIX + name);

        Map<String, float[][]> missing = new LinkedHashMap<>(c.arrays());
        missing.remove(ModelWeights.PREFIX + name);
        Path g = dir.resolve("missing.sbi4j");
        ModelFile.write(g, c.header(), missing);
        assertThatThrownBy(() -> PosteriorFiles.load(g)).isInstanceOf(IOException.class)
                .hasMessageContaining("lacks the weights of parameter '" + name + "' (4×8)");

        Map<String, float[][]> misshaped = new LinkedHashMap<>(c.arrays());
        misshaped.put(ModelWeights.PREFIX + name, new float[8][4]);
        Path h = dir.resolve("misshaped.sbi4j");
        ModelFile.write(h, c.header(), misshaped);
        assertThatThrownBy(() -> PosteriorFiles.load(h)).isInstanceOf(IOException.class)
                .hasMessageContaining("parameter '" + name + "' is stored as 8×4")
                .hasMessageContaining("needs 4×8");

        Map<String, float[][]> extra = new LinkedHashMap<>(c.arrays());
        extra.put(ModelWeights.PREFIX + "member2.t0.lu.bias", new float[1][2]);
        Path e = dir.resolve("extra.sbi4j");
        ModelFile.write(e, c.header(), extra);
        assertThatThrownBy(() -> PosteriorFiles.load(e)).isInstanceOf(IOException.class)
                .hasMessageContaining("'member2.t0.lu.bias', which its architecture lacks");
    }
}
