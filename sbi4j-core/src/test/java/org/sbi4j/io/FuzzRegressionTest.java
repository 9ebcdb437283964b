package org.sbi4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sbi4j.posterior.PosteriorFiles;

/**
 * Issue 25: the inputs the reader fuzzers ({@code sbi4j-workflow}'s {@code ReaderFuzzTest})
 * found, kept as regression tests. Each was an OutOfMemoryError, a raw EOFException without
 * the library's message, or an allocation of what a header declared (up to 800 MB for a
 * 136-byte file); each must now fail with the library's own exception and message, allocating
 * little.
 */
class FuzzRegressionTest {

    static final Path DIR = Path.of("src", "test", "resources", "fuzz-regressions");
    static final long ALLOCATION_LIMIT = 32L << 20;

    @TempDir
    Path tmp;

    /** Bytes allocated by this thread while running {@code r}. */
    private static long allocated(ThrowingRunnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        try {
            r.run();
        } catch (Exception e) {
            // the assertions below check the exception
        }
        return threads.getThreadAllocatedBytes(id) - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void npyDeclaringMoreDataThanItHoldsIsTruncatedWithoutAllocatingIt() throws IOException {
        Path f = DIR.resolve("npy-declares-800MB.npy");
        byte[] bytes = Files.readAllBytes(f);
        assertThatThrownBy(() -> Npy.fromBytes(bytes, "x.npy"))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("x.npy: truncated .npy file: shape [100000000, 2]")
                .hasMessageContaining("the file has only 8");
        assertThat(allocated(() -> Npy.read(f))).isLessThan(ALLOCATION_LIMIT);
    }

    @ParameterizedTest
    @CsvSource({"npz-entry-cut-short.npz, truncated",
            "npz-entry-declares-800MB.npz, not a valid .npz (zip) archive",
            "npz-deflate-stream-cut-short.npz, Unexpected end of ZLIB input stream"})
    void damagedNpzFailsWithAFormatError(String name, String fragment) {
        Path f = DIR.resolve(name);
        assertThatThrownBy(() -> Npz.read(f)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining(fragment);
        assertThat(allocated(() -> Npz.read(f))).isLessThan(ALLOCATION_LIMIT);
    }

    @ParameterizedTest
    @CsvSource({"model-array-size-overflows.sbi4j, declares 1814979177x1634926592 values",
            "model-negative-array-size.sbi4j, declares 18005654x-924303475 values",
            "model-array-declares-258MB.sbi4j, values, but only",
            "model-hang.sbi4j, is damaged"})
    void modelFilesDeclaringImpossibleArraysAreDamaged(String name, String fragment)
            throws IOException {
        Path f = Files.copy(DIR.resolve(name), tmp.resolve(name));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> PosteriorFiles.load(f)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(f + " is damaged").hasMessageContaining(fragment);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(5);
        assertThat(allocated(() -> PosteriorFiles.load(f))).isLessThan(ALLOCATION_LIMIT);
    }
}
