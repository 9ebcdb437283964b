package org.sbi4j.data;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.sbi4j.io.DType;
import org.sbi4j.io.FileFormatException;
import org.sbi4j.store.NpyLayout;
import org.sbi4j.tensor.Matrix;

/**
 * A training set in {@code .npy} files, memory-mapped rather than read into the heap: θ (n × dθ
 * float32), x (n × dx float32) and optionally the simulation indices (n int64), e.g. the final
 * files of a {@link org.sbi4j.store.SimulationStore}. The operating system pages the files in
 * and out, so n may exceed the Java heap (and physical memory).
 *
 * <p>Files are mapped read-only with {@link FileChannel#map(FileChannel.MapMode, long, long,
 * Arena)} into a shared {@link Arena} that {@link #close()} releases; views made by
 * {@link #rows(long, long)} share it and must not be used after the owner is closed. Values are
 * assumed finite (a store only writes valid rows); {@link MappedBatches} checks each window.
 */
public final class MappedDataset implements AutoCloseable {

    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED
            .withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED
            .withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena;
    private final boolean owner;
    private final MemorySegment theta;
    private final MemorySegment x;
    private final MemorySegment index;
    private final long from;
    private final long size;
    private final int thetaDim;
    private final int xDim;

    private MappedDataset(Arena arena, boolean owner, MemorySegment theta, MemorySegment x,
            MemorySegment index, long from, long size, int thetaDim, int xDim) {
        this.arena = arena;
        this.owner = owner;
        this.theta = theta;
        this.x = x;
        this.index = index;
        this.from = from;
        this.size = size;
        this.thetaDim = thetaDim;
        this.xDim = xDim;
    }

    /** Maps {@code dir/theta.npy}, {@code dir/x.npy} and {@code dir/index.npy} (if present). */
    public static MappedDataset open(Path dir) throws IOException {
        Path idx = dir.resolve("index.npy");
        return open(dir.resolve("theta.npy"), dir.resolve("x.npy"),
                Files.exists(idx) ? idx : null);
    }

    /**
     * Maps the given files; without an index file row r has simulation index r.
     *
     * @throws FileFormatException if a file is not a 2-D float32 (θ, x) or 1-D int64 (index)
     *         array, or the row counts differ
     */
    public static MappedDataset open(Path thetaFile, Path xFile, Path indexFile)
            throws IOException {
        Arena arena = Arena.ofShared();
        try {
            long[] tShape = new long[2];
            long[] xShape = new long[2];
            MemorySegment t = map(thetaFile, DType.FLOAT32, 2, tShape, arena);
            MemorySegment xs = map(xFile, DType.FLOAT32, 2, xShape, arena);
            MemorySegment idx = null;
            if (indexFile != null) {
                long[] iShape = new long[1];
                idx = map(indexFile, DType.INT64, 1, iShape, arena);
                checkRows(indexFile, iShape[0], tShape[0]);
            }
            checkRows(xFile, xShape[0], tShape[0]);
            if (tShape[0] == 0 || tShape[1] == 0 || xShape[1] == 0) {
                throw new FileFormatException(thetaFile.toString(), "empty dataset: theta "
                        + Arrays.toString(tShape) + ", x " + Arrays.toString(xShape));
            }
            return new MappedDataset(arena, true, t, xs, idx, 0, tShape[0],
                    Math.toIntExact(tShape[1]), Math.toIntExact(xShape[1]));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static MemorySegment map(Path file, DType dtype, int ndim, long[] shapeOut,
            Arena arena) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyLayout l = NpyLayout.read(ch, file.toString());
            if (l.dtype() != dtype || l.shape().length != ndim) {
                throw new FileFormatException(file.toString(), "expected a " + ndim + "-d "
                        + dtype.descr() + " array, found " + l.dtype().descr() + " of shape "
                        + Arrays.toString(l.shape()));
            }
            System.arraycopy(l.shape(), 0, shapeOut, 0, ndim);
            long bytes = l.size() * dtype.itemSize();
            return ch.map(FileChannel.MapMode.READ_ONLY, l.dataOffset(), bytes, arena);
        }
    }

    private static void checkRows(Path file, long rows, long expected) throws FileFormatException {
        if (rows != expected) {
            throw new FileFormatException(file.toString(), "has " + rows + " rows but theta has "
                    + expected);
        }
    }

    /** Number of rows n. */
    public long size() {
        return size;
    }

    public int thetaDim() {
        return thetaDim;
    }

    public int xDim() {
        return xDim;
    }

    /** Rows [a, b) of this dataset as a view (e.g. training and validation parts of a file). */
    public MappedDataset rows(long a, long b) {
        if (a < 0 || b > size || b <= a) {
            throw new IllegalArgumentException("rows [" + a + ", " + b + ") are empty or outside"
                    + " a dataset of " + size);
        }
        return new MappedDataset(arena, false, theta, x, index, from + a, b - a, thetaDim, xDim);
    }

    /**
     * Copies rows [row, row + count) into {@code thetaOut} / {@code xOut} (compact, from element
     * {@code rowOut·dθ} / {@code rowOut·dx}) and their indices into {@code indexOut[rowOut..]}.
     */
    public void copyRows(long row, int count, float[] thetaOut, float[] xOut, long[] indexOut,
            int rowOut) {
        if (row < 0 || count < 0 || row + count > size) {
            throw new IllegalArgumentException("rows [" + row + ", " + (row + count)
                    + ") outside a dataset of " + size);
        }
        long r = from + row;
        MemorySegment.copy(theta, FLOAT, r * thetaDim * 4, thetaOut, rowOut * thetaDim,
                count * thetaDim);
        MemorySegment.copy(x, FLOAT, r * xDim * 4, xOut, rowOut * xDim, count * xDim);
        if (indexOut == null) {
            return;
        }
        if (index != null) {
            MemorySegment.copy(index, LONG, r * 8, indexOut, rowOut, count);
        } else {
            for (int k = 0; k < count; k++) {
                indexOut[rowOut + k] = r + k;
            }
        }
    }

    /** Rows [a, b) read into the heap as a validated {@link Dataset} (e.g. a validation set). */
    public Dataset load(long a, long b) {
        if (a < 0 || b > size || b <= a || b - a > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot load rows [" + a + ", " + b
                    + ") of a dataset of " + size);
        }
        int n = (int) (b - a);
        float[] t = new float[Math.multiplyExact(n, thetaDim)];
        float[] xs = new float[Math.multiplyExact(n, xDim)];
        long[] idx = new long[n];
        copyRows(a, n, t, xs, idx, 0);
        return Dataset.of(Matrix.wrap(t, n, thetaDim), Matrix.wrap(xs, n, xDim), idx);
    }

    /**
     * Batches of {@code batchSize} rows read window by window (see {@link MappedBatches}):
     * {@code blockRows} rows per block, {@code windowBlocks} blocks per window.
     */
    public MappedBatches batches(int batchSize, int blockRows, int windowBlocks) {
        return new MappedBatches(this, batchSize, blockRows, windowBlocks);
    }

    /** {@link #batches(int, int, int)} with blocks of 1024 rows and windows of 64 blocks. */
    public MappedBatches batches(int batchSize) {
        return batches(batchSize, 1024, 64);
    }

    /** Unmaps the files (owner only; closing a view does nothing). */
    @Override
    public void close() {
        if (owner) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "MappedDataset[n=" + size + ", theta " + thetaDim + ", x " + xDim + "]";
    }
}
