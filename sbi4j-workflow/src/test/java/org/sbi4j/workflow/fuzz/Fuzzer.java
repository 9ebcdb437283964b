package org.sbi4j.workflow.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A seeded mutation fuzzer for the readers (Jazzer, the coverage-guided JUnit fuzzer, is not on
 * the Maven mirror this project builds from). Each iteration mutates an input of the committed
 * corpus ({@code src/test/resources/fuzz/<target>/}) with {@link Mutator}, lets the target fix
 * it up (e.g. recompute a checksum, so that mutants reach the parser behind it), and parses it on
 * a worker thread. An input passes if it parses or fails with one of the library's own
 * exceptions ({@link Target#expected}) carrying a message; it is a finding if it throws anything
 * else (ArrayIndexOutOfBounds, NegativeArraySize, NullPointer, ClassCast, OutOfMemoryError,
 * StackOverflowError…), takes longer than {@link #TIME_LIMIT_MS}, or allocates more than
 * {@link #ALLOCATION_LIMIT} plus 64 bytes per input byte (a size declared in a header taken on
 * trust). Deterministic: the same seed gives the same inputs.
 *
 * <p>The normal test run makes {@link #ITERATIONS} mutants per target (a few seconds each);
 * {@code -Dsbi4j.fuzz.seconds=S} runs each target for S seconds instead, with a seed from
 * {@code -Dsbi4j.fuzz.seed} (default 1). Findings are written to {@code target/fuzz-findings/}.
 */
public final class Fuzzer {

    /** Mutants per target in the normal test run. */
    public static final int ITERATIONS = 1500;
    /** Longest time one input may take. */
    public static final long TIME_LIMIT_MS = 5000;
    /** Allocation allowed per input beyond 64 bytes per input byte. */
    public static final long ALLOCATION_LIMIT = 64L << 20;

    /** What a target reads and what failures are its own. */
    public interface Parser {
        void parse(byte[] input) throws Exception;
    }

    /**
     * @param name     the corpus folder under {@code fuzz/}
     * @param fixup    applied to every mutant before parsing (identity for most targets)
     * @param parser   the reader under test
     * @param expected the library's own failures
     */
    public record Target(String name, UnaryOperator<byte[]> fixup, Parser parser,
                         Predicate<Throwable> expected) {
    }

    /** An input the target mishandled. */
    public record Finding(String problem, byte[] input) {
        @Override
        public String toString() {
            return problem;
        }
    }

    private Fuzzer() {
    }

    /** The committed corpus of {@code target}: every file of its folder. */
    public static List<byte[]> corpus(String target) throws IOException {
        Path dir = Path.of("src", "test", "resources", "fuzz", target);
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                out.add(Files.readAllBytes(f));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("empty fuzz corpus " + dir);
        }
        return out;
    }

    /** Fuzzes {@code t}; returns the findings (at most 20, and no more than one per kind). */
    public static List<Finding> run(Target t) throws Exception {
        long seconds = Long.getLong("sbi4j.fuzz.seconds", 0);
        long seed = Long.getLong("sbi4j.fuzz.seed", 1);
        List<byte[]> corpus = corpus(t.name());
        Mutator m = new Mutator(seed ^ t.name().hashCode());
        List<Finding> findings = new ArrayList<>();
        java.util.Set<String> kinds = new java.util.HashSet<>();
        int inputs = corpus.size();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try {
            for (byte[] seedInput : corpus) {
                exec = check(t, t.fixup().apply(seedInput), exec, findings, kinds);
            }
            for (int i = 0; seconds > 0 ? System.nanoTime() < end : i < ITERATIONS; i++) {
                byte[] input = t.fixup().apply(m.mutate(corpus.get(i % corpus.size()), corpus));
                exec = check(t, input, exec, findings, kinds);
                inputs++;
                if (findings.size() >= 20) {
                    break;
                }
            }
        } finally {
            exec.shutdownNow();
        }
        save(t.name(), findings);
        System.out.printf("fuzz %s: %d inputs (seed %d), %d findings%n", t.name(), inputs, seed,
                findings.size());
        return findings;
    }

    private static ExecutorService check(Target t, byte[] input, ExecutorService exec,
                                         List<Finding> findings, java.util.Set<String> kinds)
            throws InterruptedException {
        Future<String> f = exec.submit(() -> parseOnce(t, input));
        String problem;
        try {
            problem = f.get(TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            exec.shutdownNow();
            exec = Executors.newSingleThreadExecutor();
            problem = "hang: no result within " + TIME_LIMIT_MS + " ms";
        } catch (java.util.concurrent.ExecutionException e) {
            problem = "harness: " + e.getCause();
        }
        if (problem != null && kinds.add(problem.lines().findFirst().orElse(problem))) {
            findings.add(new Finding(problem, input));
        }
        return exec;
    }

    /** Null if the target handled the input, else what went wrong. */
    private static String parseOnce(Target t, byte[] input) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        Throwable failure = null;
        try {
            t.parser().parse(input);
        } catch (Throwable e) {
            failure = e;
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        if (failure != null && !t.expected().test(failure)) {
            StackTraceElement top = failure.getStackTrace().length == 0 ? null
                    : failure.getStackTrace()[0];
            return failure.getClass().getName() + " at " + top + ": " + failure.getMessage();
        }
        if (failure != null && (failure.getMessage() == null || failure.getMessage().isBlank())) {
            return failure.getClass().getName() + " without a message";
        }
        if (allocated > ALLOCATION_LIMIT + 64L * input.length) {
            return "allocates " + allocated / 1_000_000 + " MB for an input of " + input.length
                    + " bytes" + (failure == null ? "" : " (then: " + failure.getMessage() + ")");
        }
        return null;
    }

    private static void save(String target, List<Finding> findings) throws IOException {
        Path dir = Path.of("target", "fuzz-findings", target);
        for (int i = 0; i < findings.size(); i++) {
            Files.createDirectories(dir);
            Files.write(dir.resolve("finding-" + i), findings.get(i).input());
            Files.writeString(dir.resolve("finding-" + i + ".txt"), findings.get(i).problem());
        }
    }
}
