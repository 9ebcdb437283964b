package org.sbi4j.workflow.external;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run an external simulator program that speaks the JSON-lines protocol of
 * {@code docs/external-simulators.md}.
 *
 * @param command   the program and its arguments (an argument vector: no shell is involved)
 * @param thetaDim  number of parameters per row sent to the program
 * @param xDim      number of values per row the program must answer
 * @param workers   number of processes run side by side (default 1)
 * @param batchSize rows sent per request line (default 100)
 * @param timeout   longest wait for the answer to one batch (default 600 s)
 * @param directory working directory of the program; {@code null} inherits the JVM's
 * @param xShape    logical shape of one x (product = xDim), e.g. [channels, length] for an
 *                  embedding network; {@code null} means the flat vector [xDim]
 * @param retries   times a broken batch (crash, time-out, garbage answer) is re-sent to a
 *                  fresh process before the failure is reported (default 0)
 */
public record ExternalSimulatorConfig(List<String> command, int thetaDim, int xDim, int workers,
                                      int batchSize, Duration timeout, Path directory,
                                      List<Integer> xShape, int retries) {

    /** Default number of worker processes. */
    public static final int DEFAULT_WORKERS = 1;
    /** Default number of rows per request line. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Default per-batch time-out. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    /** Default number of retries of a broken batch. */
    public static final int DEFAULT_RETRIES = 0;

    public ExternalSimulatorConfig {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("external simulator command is empty");
        }
        for (String arg : command) {
            if (arg == null) {
                throw new IllegalArgumentException("external simulator command " + command
                        + " holds a null argument");
            }
        }
        if (command.getFirst().isBlank()) {
            throw new IllegalArgumentException("external simulator program name is blank in "
                    + command);
        }
        command = List.copyOf(command);
        require(thetaDim >= 1, "theta dimension must be at least 1", thetaDim);
        require(xDim >= 1, "x dimension must be at least 1", xDim);
        require(workers >= 1, "workers must be at least 1", workers);
        require(batchSize >= 1, "batch size must be at least 1", batchSize);
        require(retries >= 0, "retries must be at least 0", retries);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("time-out must be positive, got " + timeout);
        }
        xShape = xShape == null ? List.of(xDim) : new java.util.ArrayList<>(xShape);
        long size = 1;
        for (Integer s : xShape) {
            if (s == null || s < 1) {
                throw new IllegalArgumentException("x shape " + xShape
                        + " needs positive sizes");
            }
            size *= s;
        }
        if (size != xDim) {
            throw new IllegalArgumentException("x shape " + xShape + " has " + size
                    + " elements, x dimension is " + xDim);
        }
        xShape = List.copyOf(xShape);
    }

    /** A configuration with the default workers, batch size and time-out. */
    public static ExternalSimulatorConfig of(List<String> command, int thetaDim, int xDim) {
        return new ExternalSimulatorConfig(command, thetaDim, xDim, DEFAULT_WORKERS,
                DEFAULT_BATCH_SIZE, DEFAULT_TIMEOUT, null, null, DEFAULT_RETRIES);
    }

    public ExternalSimulatorConfig withWorkers(int n) {
        return new ExternalSimulatorConfig(command, thetaDim, xDim, n, batchSize, timeout,
                directory, xShape, retries);
    }

    public ExternalSimulatorConfig withBatchSize(int n) {
        return new ExternalSimulatorConfig(command, thetaDim, xDim, workers, n, timeout,
                directory, xShape, retries);
    }

    public ExternalSimulatorConfig withTimeout(Duration t) {
        return new ExternalSimulatorConfig(command, thetaDim, xDim, workers, batchSize, t,
                directory, xShape, retries);
    }

    public ExternalSimulatorConfig withDirectory(Path dir) {
        return new ExternalSimulatorConfig(command, thetaDim, xDim, workers, batchSize, timeout,
                dir, xShape, retries);
    }

    /** The same configuration with x of the given logical shape (product = xDim). */
    public ExternalSimulatorConfig withXShape(List<Integer> shape) {
        return new ExternalSimulatorConfig(command, thetaDim, xDim, workers, batchSize, timeout,
                directory, shape, retries);
    }

    /** The same configuration re-sending a broken batch up to {@code n} times. */
    public ExternalSimulatorConfig withRetries(int n) {
        return new ExternalSimulatorConfig(command, thetaDim, xDim, workers, batchSize, timeout,
                directory, xShape, n);
    }

    /** The command as one readable string, for messages. */
    public String commandLine() {
        return String.join(" ", command);
    }

    private static void require(boolean ok, String what, int value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", got " + value);
        }
    }
}
