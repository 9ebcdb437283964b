package org.sbi4j.workflow.external;

import java.util.BitSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * A simulator run as external programs speaking JSON lines over stdin/stdout (protocol in
 * {@code docs/external-simulators.md}).
 *
 * <p>Up to {@link ExternalSimulatorConfig#workers()} processes are started on demand; each batch
 * of at most {@link ExternalSimulatorConfig#batchSize()} rows goes to one idle process. Every row
 * carries its own seed ({@code SimulationStreams.seedFor(runSeed, index)}), so x does not depend
 * on the number of workers, threads or the batching. A failed simulation (a {@code null} row, or
 * one holding {@code null}/NaN) comes back as a NaN row for the runner to count. A broken program
 * (early exit, time-out, malformed answer) has its process killed and the batch re-sent to a
 * fresh process up to {@link ExternalSimulatorConfig#retries()} times (counted per cause in
 * {@link #retries()}; the rows' seeds make the answer the same); then it gives an
 * {@link ExternalSimulatorException}, and a fresh process replaces it on the next batch, until
 * {@value WorkerPool#MAX_CONSECUTIVE_FAILURES} batches in a row have failed. Thread-safe.
 * {@link #close()} closes the programs' stdin, waits briefly, then kills them.
 */
public final class ExternalSimulator implements Simulator, AutoCloseable {

    private final ExternalSimulatorConfig config;
    private final WorkerPool pool;
    private final AtomicLong singleRowIndex = new AtomicLong();

    private ExternalSimulator(ExternalSimulatorConfig config) {
        this.config = config;
        this.pool = new WorkerPool(config);
    }

    /** A simulator for the configured program; processes start with the first batch. */
    public static ExternalSimulator of(ExternalSimulatorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("external simulator configuration is null");
        }
        return new ExternalSimulator(config);
    }

    public ExternalSimulatorConfig config() {
        return config;
    }

    @Override
    public int thetaDim() {
        return config.thetaDim();
    }

    @Override
    public int xDim() {
        return config.xDim();
    }

    @Override
    public int[] xShape() {
        return config.xShape().stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Simulates one row as a batch of one, with seed {@code rng.nextLong() >>> 11} (in
     * [0, 2^53)) and a running index. Slow (one round trip per row): runners use the batch
     * methods.
     *
     * @throws ExternalSimulatorException if the program breaks the protocol
     */
    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x,
                         int xOff) {
        long[] seed = {rng.nextLong() >>> 11};
        pool.run(new long[] {singleRowIndex.getAndIncrement()}, seed, 0, 1, theta, thetaOff, x,
                xOff);
    }

    /**
     * The runner's batch entry point ({@link org.sbi4j.sim.Simulations}): the rows are cut into
     * batches run side by side on the workers, seeded with {@code seeds} ({@code rngs} is not
     * used). A batch the program fails on does not fail the others: its rows get the error
     * message in {@code failures}, the other rows keep their x. The request carries no
     * {@code indices} (this method does not know them; the runner calls the indexed one).
     */
    @Override
    public void simulateBatch(Matrix theta, UniformRandomProvider[] rngs, long[] seeds, Matrix x,
                              String[] failures) {
        simulateRows(null, seeds, theta, x, failures);
    }

    /**
     * As {@link #simulateBatch(Matrix, UniformRandomProvider[], long[], Matrix, String[])}, with
     * the rows' simulation indices {@code firstIndex, firstIndex + 1, …} sent as
     * {@code "indices"} (the runner {@link org.sbi4j.sim.Simulations} calls this one).
     */
    @Override
    public void simulateBatch(long firstIndex, Matrix theta, UniformRandomProvider[] rngs,
                              long[] seeds, Matrix x, String[] failures) {
        long[] indices = new long[theta.rows()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = firstIndex + i;
        }
        simulateRows(indices, seeds, theta, x, failures);
    }

    private void simulateRows(long[] indices, long[] seeds, Matrix theta, Matrix x,
                              String[] failures) {
        checkRequest(indices, seeds, theta, x);
        ExternalSimulatorException[] perRow = new ExternalSimulatorException[theta.rows()];
        dispatch(indices, seeds, theta, x, false, new BitSet(), perRow);
        for (int r = 0; r < perRow.length; r++) {
            if (perRow[r] != null) {
                failures[r] = perRow[r].getMessage();
            }
        }
    }

    /**
     * Simulates every row of {@code theta} (n×thetaDim) into {@code x} (n×xDim): rows are cut into
     * batches of {@code batchSize}, taken in order by the workers side by side; after a failure
     * no new batch is started.
     *
     * @param indices simulation index of each row (sent to the program; for its logs)
     * @param seeds   seed of each row in [0, 2^53): {@code SimulationStreams.seedFor(seed, i)}
     * @return the number of failed simulations (rows of x holding a non-finite value)
     * @throws ExternalSimulatorException if a program breaks the protocol; the batches already
     *         answered are written to x and marked in {@link ExternalSimulatorException#completed()}
     */
    public int simulateBatch(long[] indices, long[] seeds, Matrix theta, Matrix x) {
        checkRequest(indices, seeds, theta, x);
        BitSet done = new BitSet(theta.rows());
        ExternalSimulatorException[] perRow = new ExternalSimulatorException[theta.rows()];
        dispatch(indices, seeds, theta, x, true, done, perRow);
        for (ExternalSimulatorException e : perRow) {
            if (e != null) {
                throw e.withCompleted(done);
            }
        }
        return countFailed(x);
    }

    /** Runs the batches on up to {@code workers} consumers that take them in order. */
    private void dispatch(long[] indices, long[] seeds, Matrix theta, Matrix x,
                          boolean stopOnFailure, BitSet done,
                          ExternalSimulatorException[] perRow) {
        int n = theta.rows();
        int b = config.batchSize();
        int batches = (n + b - 1) / b;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < Math.min(config.workers(), batches); w++) {
                exec.submit(() -> {
                    for (int k; (!stopOnFailure || failures.get() == 0)
                            && (k = next.getAndIncrement()) < batches; ) {
                        int start = k * b;
                        int rows = Math.min(b, n - start);
                        try {
                            pool.run(indices, seeds, start, rows, theta.data(),
                                    theta.rowOffset(start), x.data(), x.rowOffset(start));
                            synchronized (done) {
                                done.set(start, start + rows);
                            }
                        } catch (ExternalSimulatorException e) {
                            failures.incrementAndGet();
                            java.util.Arrays.fill(perRow, start, start + rows, e);
                        }
                    }
                });
            }
        }
    }

    private void checkRequest(long[] indices, long[] seeds, Matrix theta, Matrix x) {
        if (pool.isClosed()) {
            throw new IllegalStateException("external simulator '" + config.commandLine()
                    + "' is closed");
        }
        int n = theta.rows();
        if (theta.cols() != config.thetaDim()) {
            throw new IllegalArgumentException("theta has " + theta.cols()
                    + " columns, the simulator expects " + config.thetaDim());
        }
        if (x.rows() != n || x.cols() != config.xDim()) {
            throw new IllegalArgumentException("x is " + x.rows() + "x" + x.cols()
                    + ", expected " + n + "x" + config.xDim());
        }
        if ((indices != null && indices.length != n) || seeds.length < n) {
            throw new IllegalArgumentException("got " + (indices == null ? "no" : indices.length)
                    + " indices and " + seeds.length + " seeds for " + n + " rows of theta");
        }
        for (int i = 0; i < n; i++) {
            if (seeds[i] < 0 || seeds[i] >= Protocol.SEED_LIMIT) {
                throw new IllegalArgumentException("seed " + seeds[i] + " of row " + i
                        + " is outside [0, 2^53)");
            }
        }
    }

    private static int countFailed(Matrix x) {
        int failed = 0;
        for (int i = 0; i < x.rows(); i++) {
            int off = x.rowOffset(i);
            for (int j = 0; j < x.cols(); j++) {
                if (!Float.isFinite(x.data()[off + j])) {
                    failed++;
                    break;
                }
            }
        }
        return failed;
    }

    /**
     * How many times a broken batch was re-sent to a fresh process so far, per cause (every
     * cause present, 0 when none); a snapshot.
     */
    public java.util.Map<BatchFailure, Long> retries() {
        return pool.retries();
    }

    /** Closes every program's stdin, waits briefly for it to exit, then kills it. */
    @Override
    public void close() {
        pool.close();
    }
}
