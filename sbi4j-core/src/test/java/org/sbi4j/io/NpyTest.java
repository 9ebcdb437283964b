package org.sbi4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sbi4j.tensor.Matrix;

class NpyTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"f32_2d.npy", "f32_2d_v2.npy", "f32_2d_v3.npy"})
    void readsNumpyFloat32InEveryHeaderVersion(String name) throws IOException {
        NpyArray a = Npy.read(Golden.path(name));
        assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(a.shape()).containsExactly(3, 4);
        Matrix m = a.toMatrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(m.get(i, j)).isEqualTo(Golden.f32(i, j));
            }
        }
    }

    @Test
    void readsNumpyFloat64AndInt64Exactly() throws IOException {
        NpyArray d = Npy.read(Golden.path("f64_1d.npy"));
        assertThat(d.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(d.shape()).containsExactly(5);
        for (int k = 0; k < 5; k++) {
            assertThat(d.doubles()[k]).isEqualTo(Math.sqrt(k + 1));
        }
        NpyArray l = Npy.read(Golden.path("i64_1d.npy"));
        assertThat(l.dtype()).isEqualTo(DType.INT64);
        assertThat(l.longs()).containsExactly(Golden.I64);
    }

    @Test
    void readsHigherRankScalarAndEmptyArrays() throws IOException {
        NpyArray a = Npy.read(Golden.path("f32_3d.npy"));
        assertThat(a.shape()).containsExactly(2, 3, 2);
        for (int k = 0; k < 12; k++) {
            assertThat(a.floats()[k]).isEqualTo(k * 0.25f - 1f);
        }
        assertThatThrownBy(a::toMatrix).hasMessageContaining("3-d");
        NpyArray s = Npy.read(Golden.path("f32_scalar.npy"));
        assertThat(s.ndim()).isZero();
        assertThat(s.floats()).containsExactly(2.5f);
        Matrix e = Npy.readMatrix(Golden.path("f32_empty.npy"));
        assertThat(e.rows()).isZero();
        assertThat(e.cols()).isEqualTo(3);
    }

    @Test
    void writesTheSameBytesAsNumpySave() throws IOException {
        Matrix m = Matrix.of(3, 4);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                m.set(i, j, Golden.f32(i, j));
            }
        }
        assertThat(Npy.toBytes(NpyArray.of(m))).isEqualTo(Files.readAllBytes(Golden.path("f32_2d.npy")));
        assertThat(Npy.toBytes(NpyArray.of(Golden.I64)))
                .isEqualTo(Files.readAllBytes(Golden.path("i64_1d.npy")));
        double[] sq = new double[5];
        Arrays.setAll(sq, k -> Math.sqrt(k + 1));
        assertThat(Npy.toBytes(NpyArray.ofDouble(sq, 5)))
                .isEqualTo(Files.readAllBytes(Golden.path("f64_1d.npy")));
    }

    @Test
    void roundTripsEveryDtypeThroughFiles() throws IOException {
        // 70000 values span several 64 KiB chunks, so chunk boundaries are exercised
        int n = 70_000;
        float[] f = new float[n];
        double[] d = new double[n];
        long[] l = new long[n];
        for (int k = 0; k < n; k++) {
            f[k] = (float) Math.sin(k) * 1e3f;
            d[k] = Math.cos(k) * 1e-300;
            l[k] = k * 0x9E3779B97F4A7C15L;
        }
        f[1] = Float.NaN;
        f[2] = Float.NEGATIVE_INFINITY;
        d[3] = -0.0;
        Path pf = dir.resolve("f.npy");
        Path pd = dir.resolve("d.npy");
        Path pl = dir.resolve("l.npy");
        Npy.write(pf, NpyArray.ofFloat(f, 350, 200));
        Npy.write(pd, NpyArray.ofDouble(d, 7, 10_000));
        Npy.writeLong(pl, l);
        NpyArray rf = Npy.read(pf);
        assertThat(rf.shape()).containsExactly(350, 200);
        assertThat(rf.floats()).isEqualTo(f);
        assertThat(Npy.read(pd).doubles()).isEqualTo(d);
        assertThat(Npy.read(pd).shape()).containsExactly(7, 10_000);
        assertThat(Npy.read(pl).longs()).isEqualTo(l);
        assertThat(Files.size(pf) % 64).isZero();
    }

    @Test
    void matrixRoundTripKeepsOnlyLogicalRowsOfAView() throws IOException {
        Matrix big = Matrix.of(5, 2);
        for (int k = 0; k < 10; k++) {
            big.data()[k] = k;
        }
        Matrix view = big.rowView(1, 3);
        Path p = dir.resolve("v.npy");
        Npy.write(p, view);
        Matrix back = Npy.readMatrix(p);
        assertThat(back.shape()).isEqualTo("3x2");
        assertThat(back.toArray()).containsExactly(2, 3, 4, 5, 6, 7);
    }

    @Test
    void oneDimensionalArraysBecomeColumns() throws IOException {
        Matrix m = Npy.fromBytes(Npy.toBytes(NpyArray.ofDouble(new double[] {1.5, 2.5}, 2)), "mem")
                .toMatrix();
        assertThat(m.shape()).isEqualTo("2x1");
        assertThat(m.toArray()).containsExactly(1.5f, 2.5f);
    }

    @Test
    void refusesBigEndianFortranAndOtherDtypesNamingFileAndProblem() {
        Path be = Golden.path("bad_big_endian.npy");
        assertThatThrownBy(() -> Npy.read(be)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining(be.toString()).hasMessageContaining("big-endian")
                .hasMessageContaining(">f4");
        Path fo = Golden.path("bad_fortran.npy");
        assertThatThrownBy(() -> Npy.read(fo)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining(fo.toString()).hasMessageContaining("Fortran");
        Path i4 = Golden.path("bad_int32.npy");
        assertThatThrownBy(() -> Npy.read(i4)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining(i4.toString()).hasMessageContaining("unsupported dtype '<i4'");
    }

    @Test
    void refusesTruncatedFilesNamingTheMissingBytes() {
        Path tr = Golden.path("bad_truncated.npy");
        assertThatThrownBy(() -> Npy.read(tr)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining(tr.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("needs 48 data bytes, the file has only 43");
        byte[] ok = Npy.toBytes(NpyArray.ofFloat(new float[] {1f}, 1));
        assertThatThrownBy(() -> Npy.fromBytes(Arrays.copyOf(ok, 20), "cut"))
                .hasMessageContaining("cut: truncated .npy file: the header");
    }

    @Test
    void refusesNonNpyAndMalformedHeaders() {
        assertThatThrownBy(() -> Npy.fromBytes("hello, world".getBytes(), "text.npy"))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("text.npy: not an .npy");
        byte[] bytes = Npy.toBytes(NpyArray.ofFloat(new float[] {1f}, 1));
        byte[] v9 = bytes.clone();
        v9[6] = 9;
        assertThatThrownBy(() -> Npy.fromBytes(v9, "v9")).hasMessageContaining("version 9.0");
        byte[] broken = bytes.clone();
        broken[10] = '[';
        assertThatThrownBy(() -> Npy.fromBytes(broken, "b")).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("b: ");
    }

    @Test
    void factoriesCheckShapeAgainstData() {
        assertThatThrownBy(() -> NpyArray.ofFloat(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3] holds 6");
        assertThatThrownBy(() -> NpyArray.ofFloat(new float[5], 5).doubles())
                .isInstanceOf(IllegalStateException.class);
    }
}
