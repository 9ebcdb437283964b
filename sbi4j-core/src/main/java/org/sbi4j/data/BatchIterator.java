package org.sbi4j.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ArraySampler;
import org.sbi4j.tensor.Matrix;

/**
 * Mini-batches over a {@link Dataset} that fill caller-owned buffers: no allocation per batch.
 *
 * <p>An epoch visits every row exactly once: ⌈n/b⌉ batches of b rows, the last one shorter when
 * b does not divide n (the buffers' logical rows are set with {@link Matrix#setRows}).
 * {@link #reset(UniformRandomProvider)} starts an epoch in a new random order (Fisher–Yates, in
 * place); a new iterator starts an epoch in row order.
 *
 * <pre>{@code
 * BatchIterator it = train.batches(256);
 * Matrix theta = it.newThetaBuffer(), x = it.newXBuffer();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     it.reset(rng);
 *     while (it.next(theta, x)) { ... theta.rows() rows ... }
 * }
 * }</pre>
 * Not thread-safe: one iterator per training loop.
 */
public final class BatchIterator {

    private final Dataset data;
    private final int batchSize;
    private final int[] order;
    private int position;

    BatchIterator(Dataset data, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = new int[data.size()];
        resetInOrder();
    }

    public int batchSize() {
        return batchSize;
    }

    /** ⌈n / batchSize⌉. */
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** A θ buffer with room for one batch: batchSize × dθ. */
    public Matrix newThetaBuffer() {
        return Matrix.of(batchSize, data.thetaDim());
    }

    /** An x buffer with room for one batch: batchSize × dx. */
    public Matrix newXBuffer() {
        return Matrix.of(batchSize, data.xDim());
    }

    /** Starts a new epoch in a random order drawn from {@code rng}. */
    public void reset(UniformRandomProvider rng) {
        ArraySampler.shuffle(rng, order);
        position = 0;
    }

    /** Starts a new epoch in row order 0 .. n−1. */
    public void resetInOrder() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        position = 0;
    }

    /** True if the current epoch has rows left. */
    public boolean hasNext() {
        return position < order.length;
    }

    /**
     * Copies the next batch into {@code theta} and {@code x} (capacity ≥ batchSize rows, dθ and dx
     * columns), setting their logical rows to the batch length.
     *
     * @return false (buffers untouched) when the epoch is over
     */
    public boolean next(Matrix theta, Matrix x) {
        return next(theta, x, null);
    }

    /** As {@link #next(Matrix, Matrix)}, also writing the rows' simulation indices (if non-null). */
    public boolean next(Matrix theta, Matrix x, long[] indexOut) {
        check(theta, data.thetaDim(), "theta");
        check(x, data.xDim(), "x");
        if (indexOut != null && indexOut.length < batchSize) {
            throw new IllegalArgumentException("index buffer of length " + indexOut.length
                    + " is shorter than the batch size " + batchSize);
        }
        if (position >= order.length) {
            return false;
        }
        int k = Math.min(batchSize, order.length - position);
        theta.setRows(k);
        x.setRows(k);
        for (int r = 0; r < k; r++) {
            int row = order[position + r];
            data.copyRow(row, theta, x, r);
            if (indexOut != null) {
                indexOut[r] = data.indexOf(row);
            }
        }
        position += k;
        return true;
    }

    private void check(Matrix buffer, int cols, String name) {
        if (buffer.capacityRows() < batchSize || buffer.cols() != cols) {
            throw new IllegalArgumentException(name + " buffer with capacity "
                    + buffer.capacityRows() + "x" + buffer.cols() + " cannot hold a batch of "
                    + batchSize + "x" + cols);
        }
    }
}
