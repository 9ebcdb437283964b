package org.sbi4j.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ArraySampler;
import org.sbi4j.tensor.Matrix;

/**
 * Mini-batches over a {@link MappedDataset} with a bounded heap footprint: a block-and-window
 * shuffle, as used for data sets that do not fit in memory.
 *
 * <p>The n rows are cut into ⌈n/B⌉ blocks of B consecutive rows. An epoch started with
 * {@link #reset(UniformRandomProvider)} permutes the blocks (Fisher–Yates), then repeatedly copies
 * the next W blocks of that order into a heap window of at most W·B rows (sequential reads from
 * the mapped files) and permutes the window's rows; batches are taken from the windows in that
 * order, so every row is visited exactly once per epoch. Each batch therefore mixes rows of up to
 * W random blocks, and with W·B ≥ n the shuffle is a full uniform permutation. All randomness
 * comes from the rng given to {@code reset}, drawn in a fixed order: the same seed gives the
 * same batches. {@link #resetInOrder()} visits rows 0 .. n−1 in order.
 *
 * <p>Heap: W·B·(dθ + dx) floats, W·B longs and ints, allocated once; nothing per batch.
 * Non-finite values are reported as they enter a window (IllegalArgumentException naming row
 * and simulation index). Not thread-safe.
 */
public final class MappedBatches implements BatchSource {

    private final MappedDataset data;
    private final int batchSize;
    private final int blockRows;
    private final int windowBlocks;
    private final int[] blocks;
    private final float[] wTheta;
    private final float[] wX;
    private final long[] wIndex;
    private final int[] wOrder;
    private UniformRandomProvider rng;
    private int nextBlock;
    private int windowRows;
    private int windowPos;
    private long done;

    MappedBatches(MappedDataset data, int batchSize, int blockRows, int windowBlocks) {
        if (batchSize < 1 || blockRows < 1 || windowBlocks < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + ", block rows "
                    + blockRows + " and window blocks " + windowBlocks + " must all be >= 1");
        }
        long nBlocks = (data.size() + blockRows - 1) / blockRows;
        long windowCap = Math.min((long) blockRows * windowBlocks, data.size());
        if (nBlocks > Integer.MAX_VALUE - 8 || windowCap * Math.max(data.thetaDim(), data.xDim())
                > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("blocks of " + blockRows + " rows and windows of "
                    + windowBlocks + " blocks do not fit this dataset of " + data.size()
                    + " rows; use larger blocks or smaller windows");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.blockRows = blockRows;
        this.windowBlocks = windowBlocks;
        this.blocks = new int[(int) nBlocks];
        int cap = (int) windowCap;
        this.wTheta = new float[cap * data.thetaDim()];
        this.wX = new float[cap * data.xDim()];
        this.wIndex = new long[cap];
        this.wOrder = new int[cap];
        resetInOrder();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public long size() {
        return data.size();
    }

    @Override
    public int thetaDim() {
        return data.thetaDim();
    }

    @Override
    public int xDim() {
        return data.xDim();
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        this.rng = rng;
        start();
        ArraySampler.shuffle(rng, blocks);
    }

    @Override
    public void resetInOrder() {
        this.rng = null;
        start();
    }

    private void start() {
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = b;
        }
        nextBlock = 0;
        windowRows = 0;
        windowPos = 0;
        done = 0;
    }

    @Override
    public boolean next(Matrix theta, Matrix x, long[] indexOut) {
        check(theta, thetaDim(), "theta");
        check(x, xDim(), "x");
        if (indexOut != null && indexOut.length < batchSize) {
            throw new IllegalArgumentException("index buffer of length " + indexOut.length
                    + " is shorter than the batch size " + batchSize);
        }
        if (done >= size()) {
            return false;
        }
        int k = (int) Math.min(batchSize, size() - done);
        theta.setRows(k);
        x.setRows(k);
        int dt = thetaDim();
        int dx = xDim();
        for (int r = 0; r < k; r++) {
            if (windowPos == windowRows) {
                fillWindow();
            }
            int w = wOrder[windowPos++];
            System.arraycopy(wTheta, w * dt, theta.data(), theta.rowOffset(r), dt);
            System.arraycopy(wX, w * dx, x.data(), x.rowOffset(r), dx);
            if (indexOut != null) {
                indexOut[r] = wIndex[w];
            }
        }
        done += k;
        return true;
    }

    /** Copies the next W blocks of the epoch's block order into the window and orders its rows. */
    private void fillWindow() {
        int rows = 0;
        for (int b = 0; b < windowBlocks && nextBlock < blocks.length; b++) {
            long start = (long) blocks[nextBlock++] * blockRows;
            int count = (int) Math.min(blockRows, size() - start);
            data.copyRows(start, count, wTheta, wX, wIndex, rows);
            checkFinite(wTheta, rows, count, thetaDim(), "theta", start);
            checkFinite(wX, rows, count, xDim(), "x", start);
            rows += count;
        }
        for (int i = 0; i < rows; i++) {
            wOrder[i] = i;
        }
        if (rng != null) {
            ArraySampler.shuffle(rng, wOrder, 0, rows);
        }
        windowRows = rows;
        windowPos = 0;
    }

    private void checkFinite(float[] buf, int rowOut, int count, int cols, String name,
            long start) {
        int end = (rowOut + count) * cols;
        for (int i = rowOut * cols; i < end; i++) {
            if (!Float.isFinite(buf[i])) {
                int r = i / cols;
                throw new IllegalArgumentException(name + " row " + (start + r - rowOut)
                        + " (simulation " + wIndex[r] + "), column " + (i % cols) + " is "
                        + buf[i]);
            }
        }
    }

    private void check(Matrix buffer, int cols, String name) {
        if (buffer.capacityRows() < batchSize || buffer.cols() != cols) {
            throw new IllegalArgumentException(name + " buffer with capacity "
                    + buffer.capacityRows() + "x" + buffer.cols() + " cannot hold a batch of "
                    + batchSize + "x" + cols);
        }
    }
}
