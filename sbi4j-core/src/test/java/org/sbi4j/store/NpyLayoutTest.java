package org.sbi4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.io.DType;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;

class NpyLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void headersAreThoseTheNpyCodecWrites() {
        int[][] shapes = {{0}, {5}, {0, 3}, {7, 3}, {123456, 1}, {2, 3, 4}, {}};
        for (int[] shape : shapes) {
            int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            long[] ls = Arrays.stream(shape).asLongStream().toArray();
            byte[] f = Npy.toBytes(NpyArray.ofFloat(new float[size], shape));
            byte[] l = Npy.toBytes(NpyArray.ofLong(new long[size], shape));
            byte[] hf = NpyLayout.header(DType.FLOAT32, ls);
            byte[] hl = NpyLayout.header(DType.INT64, ls);
            assertThat(Arrays.copyOf(f, hf.length)).as(Arrays.toString(shape)).isEqualTo(hf);
            assertThat(f.length - hf.length).isEqualTo(4 * size);
            assertThat(Arrays.copyOf(l, hl.length)).isEqualTo(hl);
        }
    }

    @Test
    void readFindsShapeDtypeAndDataOffset() throws IOException {
        Path p = tmp.resolve("a.npy");
        Npy.write(p, NpyArray.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        NpyLayout l = NpyLayout.read(p);
        assertThat(l.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(l.shape()).containsExactly(2, 3);
        assertThat(l.rows()).isEqualTo(2);
        assertThat(l.rowSize()).isEqualTo(3);
        assertThat(l.dataOffset()).isEqualTo(Files.size(p) - 24);
    }

    @Test
    void truncatedAndForeignFilesAreRefused() throws IOException {
        Path p = tmp.resolve("a.npy");
        byte[] full = Npy.toBytes(NpyArray.ofFloat(new float[6], 2, 3));
        Files.write(p, Arrays.copyOf(full, full.length - 1));
        assertThatThrownBy(() -> NpyLayout.read(p)).hasMessageContaining("truncated .npy file");
        Files.writeString(p, "hello world, not numpy");
        assertThatThrownBy(() -> NpyLayout.read(p)).hasMessageContaining("not an .npy file");
    }
}
