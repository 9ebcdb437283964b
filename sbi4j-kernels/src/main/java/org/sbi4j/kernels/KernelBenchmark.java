package org.sbi4j.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-timing GEMM benchmark for {@code sbi4j bench kernels}: no JMH, no dependencies.
 * For each form (NN, TN, NT) and shape m×k×n with m = {@value #M} and k = n ∈ {@link #SIZES}, it
 * first warms up every case (each shape uses its own micro-kernels, which the JIT must compile),
 * then reports the best of several timed trials as GFLOP/s = 2·m·k·n / time. Best-of
 * rather than mean because the machine may be shared: the fastest trial is the least disturbed.
 * The JMH benchmark in sbi4j-bench is the careful measurement; this is the quick check.
 */
public final class KernelBenchmark {

    /** Rows of C (a batch). */
    public static final int M = 256;
    /** Values of k = n. */
    public static final int[] SIZES = {32, 64, 128, 256};
    /** The three GEMM forms. */
    public static final List<String> FORMS = List.of("NN", "TN", "NT");

    private final int warmupMillis;
    private final int trials;
    private final int trialMillis;

    private KernelBenchmark(int warmupMillis, int trials, int trialMillis) {
        this.warmupMillis = warmupMillis;
        this.trials = trials;
        this.trialMillis = trialMillis;
    }

    /**
     * A benchmark warming each case for {@code warmupMillis}, then timing {@code trials} trials of
     * about {@code trialMillis} each.
     */
    public static KernelBenchmark of(int warmupMillis, int trials, int trialMillis) {
        if (warmupMillis < 0) {
            throw new IllegalArgumentException("warmupMillis must be >= 0: " + warmupMillis);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1: " + trials);
        }
        if (trialMillis < 1) {
            throw new IllegalArgumentException("trialMillis must be >= 1: " + trialMillis);
        }
        return new KernelBenchmark(warmupMillis, trials, trialMillis);
    }

    /** The defaults: 300 ms warm-up, best of 5 trials of 50 ms (about 9 s in all). */
    public static KernelBenchmark defaults() {
        return of(300, 5, 50);
    }

    /**
     * Runs every form and shape: first line {@code provider <name>}, then one line
     * {@code gemm <form> <m>x<k>x<n> <GFLOP/s>} each (Locale.ROOT, one decimal).
     */
    public List<String> run(Kernels kernels) {
        return run(kernels, SIZES);
    }

    /** As {@link #run(Kernels)} for k = n ∈ {@code sizes} (each ≥ 1). */
    public List<String> run(Kernels kernels, int... sizes) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("sizes must not be empty");
        }
        for (int size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("sizes must be >= 1: " + size);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("provider " + kernels.name());
        for (String form : FORMS) { // warm every case first: each shape uses its own micro-kernels
            for (int size : sizes) {
                warm(kernels, form, M, size, size);
            }
        }
        for (String form : FORMS) {
            for (int size : sizes) {
                double g = measure(kernels, form, M, size, size);
                lines.add(String.format(Locale.ROOT, "gemm %s %dx%dx%d %.1f", form, M, size, size, g));
            }
        }
        return lines;
    }

    /**
     * Best-of-trials GFLOP/s of one product C[m×n] = A·B in the given form (k the reduction):
     * warm-up, then the repetitions per trial doubled until a trial lasts about trialMillis.
     */
    public double gflops(Kernels kernels, String form, int m, int k, int n) {
        warm(kernels, form, m, k, n);
        return measure(kernels, form, m, k, n);
    }

    private void warm(Kernels kernels, String form, int m, int k, int n) {
        if (!FORMS.contains(form)) {
            throw new IllegalArgumentException("form must be one of " + FORMS + ": " + form);
        }
        float[][] abc = data(m, k, n);
        long end = System.nanoTime() + warmupMillis * 1_000_000L;
        do {
            time(kernels, form, m, n, k, abc[0], abc[1], abc[2], 1);
        } while (System.nanoTime() < end);
    }

    private double measure(Kernels kernels, String form, int m, int k, int n) {
        float[][] abc = data(m, k, n);
        int reps = 1;
        while (reps < (1 << 24) && time(kernels, form, m, n, k, abc[0], abc[1], abc[2], reps) < trialMillis * 500_000L) {
            reps *= 2;
        }
        long best = Long.MAX_VALUE;
        for (int t = 0; t < trials; t++) {
            best = Math.min(best, time(kernels, form, m, n, k, abc[0], abc[1], abc[2], reps));
        }
        return 2.0 * m * n * k * reps / best;
    }

    private static float[][] data(int m, int k, int n) {
        return new float[][] {fill(m * k, 1), fill(k * n, 2), new float[m * n]};
    }

    private static long time(Kernels kr, String form, int m, int n, int k, float[] a, float[] b,
                             float[] c, int reps) {
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            switch (form) {
                case "NN" -> kr.gemmNN(m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
                case "TN" -> kr.gemmTN(m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
                default -> kr.gemmNT(m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
            }
        }
        return Math.max(1, System.nanoTime() - t0);
    }

    private static float[] fill(int len, int seed) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) Math.sin(0.37 * i + seed);
        }
        return x;
    }

    /** Prints the lines for {@link KernelProvider#get()} (or {@code scalar} as first argument). */
    public static void main(String[] args) {
        Kernels k = args.length > 0 && args[0].equals("scalar") ? KernelProvider.scalar() : KernelProvider.get();
        defaults().run(k).forEach(System.out::println);
    }
}
