package org.sbi4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.tensor.Matrix;

class CsvTest {

    @TempDir
    Path dir;

    @Test
    void readsNumpySavetxtWithHeader() throws IOException {
        Table t = Csv.read(Golden.path("table.csv"));
        assertThat(t.names()).containsExactly("alpha", "beta", "gamma", "delta");
        assertThat(t.values().shape()).isEqualTo("3x4");
        // written with %.9g, which identifies a float32 uniquely, so values are exact
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(t.values().get(i, j)).isEqualTo(Golden.f32(i, j));
            }
        }
        assertThat(t.column("gamma")).isEqualTo(2);
    }

    @Test
    void roundTripsValuesExactlyIncludingNonFinite() throws IOException {
        Matrix m = Matrix.fromRows(new float[][] {
            {1f / 3, -1e-30f, Float.MAX_VALUE},
            {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY},
            {-0f, Float.MIN_VALUE, 123456.79f}});
        List<String> names = List.of("a", "b,c", "say \"hi\"");
        Path p = dir.resolve("t.csv");
        Csv.write(p, names, m);
        Table t = Csv.read(p);
        assertThat(t.names()).isEqualTo(names);
        assertThat(t.values().toArray()).isEqualTo(m.toArray());
    }

    @Test
    void acceptsNumpyStyleSpecialValuesBlankLinesAndCrLf() throws IOException {
        Table t = Csv.read(new StringReader("\uFEFFa, b\r\nnan, inf\r\n\r\n-INF ,1e3\r\n"), "s");
        assertThat(t.names()).containsExactly("a", "b");
        assertThat(t.values().toArray()).containsExactly(Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 1000f);
    }

    @Test
    void readsGzippedFilesAndNamesCompressedDataThatIsNotNamedSo() throws IOException {
        byte[] text = "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(text);
        }
        java.nio.file.Files.write(dir.resolve("t.csv.gz"), bytes.toByteArray());
        Table t = Csv.read(dir.resolve("t.csv.gz"));
        assertThat(t.names()).containsExactly("a", "b");
        assertThat(t.values().get(0, 1)).isEqualTo(2f);
        java.nio.file.Files.write(dir.resolve("t.csv"), bytes.toByteArray());
        assertThatThrownBy(() -> Csv.read(dir.resolve("t.csv")))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("t.csv")
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void headerOnlyGivesZeroRows() throws IOException {
        StringWriter w = new StringWriter();
        Csv.write(w, List.of("p", "q"), Matrix.of(0, 2));
        assertThat(w.toString()).isEqualTo("p,q\n");
        Table t = Csv.read(new StringReader(w.toString()), "s");
        assertThat(t.values().shape()).isEqualTo("0x2");
    }

    @Test
    void badNumberNamesFileLineAndColumn() {
        String text = "mu,sigma\n1,2\n3,abc\n";
        assertThatThrownBy(() -> Csv.read(new StringReader(text), "data.csv"))
                .isInstanceOf(FileFormatException.class)
                .hasMessage("data.csv: line 3, column 2 ('sigma'): cannot read 'abc' as a number");
        assertThatThrownBy(() -> Csv.read(new StringReader("a\n1f\n"), "f.csv"))
                .hasMessageContaining("cannot read '1f'");
        assertThatThrownBy(() -> Csv.read(new StringReader("a,b\n1,\n"), "e.csv"))
                .hasMessageContaining("line 2, column 2 ('b'): cannot read ''");
    }

    @Test
    void wrongNumberOfValuesNamesTheLine() {
        assertThatThrownBy(() -> Csv.read(new StringReader("a,b,c\n1,2,3\n4,5\n"), "s"))
                .hasMessage("s: line 3 has 2 values, the header has 3 columns");
        assertThatThrownBy(() -> Csv.read(new StringReader("a,b\n1,2,3\n"), "s"))
                .hasMessage("s: line 2 has more than 2 values, the header has 2 columns");
        assertThatThrownBy(() -> Csv.read(new StringReader(""), "s"))
                .hasMessageContaining("no header row");
        assertThatThrownBy(() -> Csv.read(new StringReader("\"a,b\n"), "s"))
                .hasMessageContaining("unterminated quote");
    }

    @Test
    void writeChecksNamesAgainstColumns() {
        assertThatThrownBy(() -> Csv.write(dir.resolve("x.csv"), List.of("a"), Matrix.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 column names for a 1x2");
    }
}
