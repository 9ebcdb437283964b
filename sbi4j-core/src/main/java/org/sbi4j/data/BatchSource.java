package org.sbi4j.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * Mini-batches of (θ, x) pairs filling caller-owned buffers, epoch by epoch: what a training loop
 * needs from its data, whether the data live in the heap ({@link #of(Dataset, int)}, backed by a
 * {@link BatchIterator}) or in files larger than the heap ({@link MappedDataset#batches}).
 *
 * <p>An epoch visits every row exactly once in ⌈n/b⌉ batches of b rows (the last may be
 * shorter); the order is random after {@link #reset(UniformRandomProvider)} (how random depends
 * on the source) and row order after {@link #resetInOrder()}. Not thread-safe.
 */
public interface BatchSource {

    /** Rows per batch b. */
    int batchSize();

    /** Rows per epoch n. */
    long size();

    int thetaDim();

    int xDim();

    /** ⌈n / b⌉ (an int, as {@link BatchIterator#batchesPerEpoch()}; fails beyond 2^31−1). */
    default int batchesPerEpoch() {
        return Math.toIntExact((size() + batchSize() - 1) / batchSize());
    }

    /** A θ buffer with room for one batch: b × dθ. */
    default Matrix newThetaBuffer() {
        return Matrix.of(batchSize(), thetaDim());
    }

    /** An x buffer with room for one batch: b × dx. */
    default Matrix newXBuffer() {
        return Matrix.of(batchSize(), xDim());
    }

    /** Starts an epoch in an order drawn from {@code rng}. */
    void reset(UniformRandomProvider rng);

    /** Starts an epoch in row order. */
    void resetInOrder();

    /**
     * Copies the next batch into {@code theta} and {@code x} (capacity ≥ b rows), setting their
     * logical rows, and the rows' simulation indices into {@code indexOut} if it is not null.
     *
     * @return false (buffers untouched) when the epoch is over
     */
    boolean next(Matrix theta, Matrix x, long[] indexOut);

    /** {@link #next(Matrix, Matrix, long[])} without indices. */
    default boolean next(Matrix theta, Matrix x) {
        return next(theta, x, null);
    }

    /** The batches of an in-memory dataset (a {@link BatchIterator}: full Fisher–Yates shuffles). */
    static BatchSource of(Dataset data, int batchSize) {
        BatchIterator it = data.batches(batchSize);
        return new BatchSource() {
            @Override
            public int batchSize() {
                return it.batchSize();
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
                it.reset(rng);
            }

            @Override
            public void resetInOrder() {
                it.resetInOrder();
            }

            @Override
            public boolean next(Matrix theta, Matrix x, long[] indexOut) {
                return it.next(theta, x, indexOut);
            }
        };
    }
}
