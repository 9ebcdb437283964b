package org.sbi4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sbi4j.tensor.Matrix;

/**
 * Writes files into {@code sbi4j-core/target/numpy-check/} for the documented numpy check
 * {@code src/test/resources/golden/check_written.py} (run by hand, never by Maven):
 * {@code python3 sbi4j-core/src/test/resources/golden/check_written.py sbi4j-core/target/numpy-check}.
 * Values follow the formulas stated in that script; here they are read back in Java as well.
 */
class NumpyInteropTest {

    static final Path OUT = Path.of("target", "numpy-check");

    /** theta[i, j] = float32((i − j) / 3) for the 5×3 matrix. */
    static Matrix theta() {
        Matrix m = Matrix.of(5, 3);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                m.set(i, j, (float) ((i - j) / 3.0));
            }
        }
        return m;
    }

    @Test
    void writesFilesForTheNumpyCheck() throws IOException {
        Files.createDirectories(OUT);
        Matrix theta = theta();
        double[] sq = new double[5];
        for (int k = 0; k < 5; k++) {
            sq[k] = Math.sqrt(k + 1);
        }
        Npy.write(OUT.resolve("theta.npy"), theta);
        Npy.writeLong(OUT.resolve("index.npy"), Golden.I64);
        Npy.write(OUT.resolve("f64.npy"), NpyArray.ofDouble(sq, 5));
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("theta", NpyArray.of(theta));
        arrays.put("index", NpyArray.of(Golden.I64));
        arrays.put("f64", NpyArray.ofDouble(sq, 5));
        Npz.write(OUT.resolve("stored.npz"), arrays, false);
        Npz.write(OUT.resolve("deflated.npz"), arrays, true);
        Csv.write(OUT.resolve("table.csv"), List.of("a", "b", "c"), theta);

        assertThat(Npy.readMatrix(OUT.resolve("theta.npy")).toArray()).isEqualTo(theta.toArray());
        assertThat(Npz.read(OUT.resolve("deflated.npz")).get("index").longs()).isEqualTo(Golden.I64);
        assertThat(Csv.read(OUT.resolve("table.csv")).values().toArray()).isEqualTo(theta.toArray());
    }
}
