package org.sbi4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"stored.npz", "deflated.npz"})
    void readsNumpySavezAndSavezCompressed(String name) throws IOException {
        Map<String, NpyArray> m = Npz.read(Golden.path(name));
        assertThat(m.keySet()).containsExactly("theta", "index", "f64");
        NpyArray theta = m.get("theta");
        assertThat(theta.shape()).containsExactly(3, 4);
        assertThat(theta.floats()[1]).isEqualTo(Golden.f32(0, 1));
        assertThat(theta.floats()[11]).isEqualTo(Golden.f32(2, 3));
        assertThat(m.get("index").longs()).containsExactly(Golden.I64);
        assertThat(m.get("f64").doubles()[4]).isEqualTo(Math.sqrt(5));
        Map<String, NpyArray> fromStream = Npz.fromBytes(Files.readAllBytes(Golden.path(name)), name);
        assertThat(fromStream.get("index").longs()).containsExactly(Golden.I64);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsEveryDtype(boolean compress) throws IOException {
        Map<String, NpyArray> in = new LinkedHashMap<>();
        in.put("x", NpyArray.ofFloat(new float[] {1f, -2f, Float.NaN, 4f, 5f, 6f}, 2, 3));
        in.put("d", NpyArray.ofDouble(new double[] {Math.PI, -0.0}, 2));
        in.put("i", NpyArray.of(new long[] {Long.MIN_VALUE, 7}));
        Path p = dir.resolve("a.npz");
        Npz.write(p, in, compress);
        for (Map<String, NpyArray> out : List.of(Npz.read(p), Npz.fromBytes(Npz.toBytes(in, compress), "m"))) {
            assertThat(out.keySet()).containsExactly("x", "d", "i");
            assertThat(out.get("x").shape()).containsExactly(2, 3);
            assertThat(out.get("x").floats()).isEqualTo(in.get("x").floats());
            assertThat(out.get("d").doubles()).isEqualTo(in.get("d").doubles());
            assertThat(out.get("i").longs()).isEqualTo(in.get("i").longs());
        }
        // fixed timestamps: the same arrays always give the same bytes
        assertThat(Npz.toBytes(in, compress)).isEqualTo(Files.readAllBytes(p));
    }

    @Test
    void compressionShrinksRedundantData() {
        Map<String, NpyArray> in = Map.of("zeros", NpyArray.ofFloat(new float[10_000], 10_000));
        assertThat(Npz.toBytes(in, true).length).isLessThan(Npz.toBytes(in, false).length / 10);
    }

    @Test
    void refusesNonZipFilesAndBadEntries() throws IOException {
        Path notZip = dir.resolve("x.npz");
        Files.writeString(notZip, "not a zip");
        assertThatThrownBy(() -> Npz.read(notZip)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining(notZip.toString());
        assertThatThrownBy(() -> Npz.fromBytes("nope".getBytes(), "s"))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("s: no arrays");
        assertThatThrownBy(() -> Npz.write(dir.resolve("e.npz"), Map.of("", NpyArray.of(new long[1]))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
