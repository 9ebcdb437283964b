package org.sbi4j.workflow.external;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running external simulator process. Its stdout is read line by line on a thread into a
 * queue, so an answer can be awaited with a time-out; its stderr is drained on another thread into
 * the SLF4J log (the last lines are kept for error messages). Not thread-safe: the pool hands a
 * worker to one batch at a time.
 */
final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalSimulator.class);
    /** End-of-stream marker in the stdout queue (compared by identity). */
    private static final String EOF = new String("<end of stdout>");
    /** Marker in the stdout queue: writing to stdin failed (compared by identity). */
    private static final String WRITE_FAILED = new String("<write to stdin failed>");
    private static final int STDERR_TAIL = 10;
    /** How long to wait for the program to exit after its stdin is closed. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(2);

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread outReader;
    private final Thread errReader;
    private volatile String writeError;

    Worker(ExternalSimulatorConfig config, int id) {
        this.name = config.commandLine() + " #" + id;
        ProcessBuilder pb = new ProcessBuilder(config.command());
        if (config.directory() != null) {
            pb.directory(config.directory().toFile());
        }
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start external simulator '"
                    + config.commandLine() + "'"
                    + (config.directory() == null ? "" : " in " + config.directory())
                    + ": " + e.getMessage(), e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        outReader = Thread.ofPlatform().daemon().name("sbi4j-ext-out-" + id)
                .start(this::readStdout);
        errReader = Thread.ofPlatform().daemon().name("sbi4j-ext-err-" + id)
                .start(this::drainStderr);
        LOG.debug("started external simulator {} (pid {})", name, process.pid());
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    stdout.add(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("stdout of {} closed: {}", name, e.getMessage());
        } finally {
            stdout.add(EOF);
        }
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                LOG.info("[{}] {}", name, line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("stderr of {} closed: {}", name, e.getMessage());
        }
    }

    /**
     * Sends one request line and returns the answer line. The line is written on a separate
     * (virtual) thread, so a program that stops reading its stdin cannot block the caller past
     * the time-out.
     *
     * @throws Protocol.Violation if the program exits early or does not answer in time (the
     *                            process is then killed)
     */
    String exchange(String request, Duration timeout) throws Protocol.Violation,
            InterruptedException {
        String stale = stdout.poll();
        if (stale != null) {
            check(stale);
            kill();
            throw new Protocol.Violation("the program printed more than one line for its"
                    + " previous batch (this line came after that answer)", stale);
        }
        Thread.ofVirtual().name("sbi4j-ext-in").start(() -> write(request));
        String line = stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null) {
            kill();
            throw new Protocol.Violation(BatchFailure.TIMEOUT, "no answer within the time-out of "
                    + timeout.toMillis() / 1000.0 + " s; the process was killed", null);
        }
        check(line);
        return line;
    }

    /** Throws if {@code line} is one of the end-of-stream or write-failure markers. */
    private void check(String line) throws Protocol.Violation, InterruptedException {
        if (line == EOF) {
            stdout.add(EOF);
            throw exited("it closed its stdout before answering");
        }
        if (line == WRITE_FAILED) {
            throw exited("it stopped reading its stdin (" + writeError + ")");
        }
    }

    private void write(String request) {
        try {
            stdin.write(request);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            writeError = e.getMessage();
            stdout.add(WRITE_FAILED);
        }
    }

    private Protocol.Violation exited(String what) throws InterruptedException {
        String code = process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                ? "exited with code " + process.exitValue() : "is still running";
        kill();
        try {
            errReader.join(EXIT_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Protocol.Violation(BatchFailure.CRASH, "the program stopped early: " + what + " and " + code
                + stderrSummary(), null);
    }

    private String stderrSummary() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; last lines of its stderr: "
                    + String.join(" | ", stderrTail);
        }
    }

    /** Kills the process and its descendants (e.g. the programs a shell script started). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Closes stdin, waits {@link #EXIT_GRACE} for the program to exit, then kills it. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            LOG.debug("closing stdin of {}: {}", name, e.getMessage());
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("external simulator {} did not exit within {} s of the end of its input;"
                        + " killing it", name, EXIT_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            kill();
        }
    }
}
