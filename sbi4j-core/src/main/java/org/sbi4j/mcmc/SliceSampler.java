package org.sbi4j.mcmc;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationStreams;

/**
 * Many chains of the univariate slice sampler (Neal 2003, "Slice sampling", Ann. Statist. 31:
 * stepping out with limit m, then shrinkage), updating one coordinate at a time, all chains
 * together: each step of the procedure evaluates the points of every chain still in it with
 * one {@link LogDensity} call (as sbi's {@code slice_np_vectorized}).
 *
 * <p>One update of coordinate j of a chain at x with log density ℓ = log π(x): the slice
 * level is log y = ℓ − E, E ~ Exp(1); the interval [L, R] of width w_j is placed at random
 * around x_j (L = x_j − w_j·U); J = ⌊m·V⌋ steps may extend it to the left and m − 1 − J to
 * the right while the end is inside the slice (log π &gt; log y); then x'_j is drawn uniformly
 * from [L, R] until it lands in the slice, shrinking the interval towards x_j after each miss.
 * A sweep updates every coordinate once. The widths start at the prior's (or the starts')
 * spread and, during warm-up only, follow twice the mean absolute move of their coordinate;
 * after warm-up they are fixed, so the kept chain is a valid Markov chain for π.
 *
 * <p>Randomness: chain c draws every random number (its SIR start, E, U, V, the shrinkage
 * draws) from its own stream {@code SimulationStreams.streamFor(seed, c)}, in an order that
 * does not depend on the other chains, so the result depends only on the seed and the
 * settings, never on batching or threads. Each chain keeps ⌈samples/chains⌉ draws.
 *
 * <pre>{@code
 * McmcResult r = SliceSampler.of(McmcSettings.defaults()).sample(target, prior, 10_000, seed);
 * Matrix theta = r.samples(10_000);       // r.diagnostics().warnings() says whether it mixed
 * }</pre>
 */
public final class SliceSampler {

    /** Shrinkage steps after which a chain keeps its point (a safeguard; never reached on a
     *  density that is positive on an interval around the current point). */
    static final int MAX_SHRINK = 200;

    private final McmcSettings settings;

    private SliceSampler(McmcSettings settings) {
        this.settings = settings;
    }

    public static SliceSampler of(McmcSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("the MCMC settings must not be null");
        }
        return new SliceSampler(settings);
    }

    public McmcSettings settings() {
        return settings;
    }

    /** Runs from starts resampled from the prior ({@link McmcSettings#initCandidates()}). */
    public McmcResult sample(LogDensity target, Prior prior, int samples, long seed) {
        if (target == null || prior == null) {
            throw new IllegalArgumentException("MCMC needs a target and a prior");
        }
        if (prior.dim() != target.dim()) {
            throw new IllegalArgumentException("MCMC: the prior has dimension " + prior.dim()
                    + ", the target " + target.dim());
        }
        checkSamples(samples);
        UniformRandomProvider[] rng = streams(seed);
        SirStarts.Starts s = SirStarts.draw(target, prior, settings.initCandidates(), rng);
        return new Run(target, rng, s.spread()).go(s.points(), samples, s.evaluations());
    }

    /**
     * Runs from given starts, chains × dim row-major (every value finite, log π finite
     * there); the initial widths are the starts' spread (1 with a single chain).
     */
    public McmcResult sampleFrom(LogDensity target, double[] starts, int samples, long seed) {
        if (target == null || starts == null) {
            throw new IllegalArgumentException("MCMC needs a target and starting points");
        }
        int d = target.dim();
        if (starts.length != settings.chains() * d) {
            throw new IllegalArgumentException("MCMC: " + settings.chains() + " chains of "
                    + "dimension " + d + " need " + settings.chains() * d + " start values, got "
                    + starts.length);
        }
        checkSamples(samples);
        return new Run(target, streams(seed), SirStarts.spread(starts, settings.chains(), d))
                .go(starts.clone(), samples, 0);
    }

    private static void checkSamples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("MCMC: samples must be >= 1, got " + samples);
        }
    }

    private UniformRandomProvider[] streams(long seed) {
        UniformRandomProvider[] rng = new UniformRandomProvider[settings.chains()];
        for (int c = 0; c < rng.length; c++) {
            rng[c] = SimulationStreams.streamFor(seed, c);
        }
        return rng;
    }

    /** The mutable state of one run. */
    private final class Run {
        final LogDensity target;
        final UniformRandomProvider[] rng;
        final int chains;
        final int d;
        final double[] width;
        final double[] moved;
        final double[] lp;
        final double[] logY;
        final double[] lo;
        final double[] hi;
        final int[] left;
        final int[] right;
        final int[] member;
        final double[] batch;
        final double[] out;
        double[] x;
        long evaluations;
        long stuck;

        Run(LogDensity target, UniformRandomProvider[] rng, double[] width) {
            this.target = target;
            this.rng = rng;
            this.chains = rng.length;
            this.d = target.dim();
            this.width = width.clone();
            this.moved = new double[d];
            lp = new double[chains];
            logY = new double[chains];
            lo = new double[chains];
            hi = new double[chains];
            left = new int[chains];
            right = new int[chains];
            member = new int[2 * chains];
            batch = new double[2 * chains * d];
            out = new double[2 * chains];
        }

        McmcResult go(double[] starts, int samples, long initEvaluations) {
            x = starts;
            evaluations = initEvaluations;
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new IllegalArgumentException("MCMC: the start of chain " + i / d
                            + " has value " + x[i] + " at coordinate " + i % d);
                }
            }
            target.logDensity(x, chains, lp);
            evaluations += chains;
            for (int c = 0; c < chains; c++) {
                if (!(lp[c] > Double.NEGATIVE_INFINITY) || Double.isNaN(lp[c])) {
                    throw new IllegalArgumentException("MCMC: the start of chain " + c
                            + " has log density " + lp[c] + "; start inside the support");
                }
            }
            int perChain = (samples + chains - 1) / chains;
            double[] draws = new double[chains * perChain * d];
            int sweeps = settings.warmup() + perChain * settings.thin();
            for (int s = 0, kept = 0; s < sweeps; s++) {
                for (int j = 0; j < d; j++) {
                    update(j, s < settings.warmup());
                }
                if (s < settings.warmup()) {
                    for (int j = 0; j < d; j++) {
                        double mean = moved[j] / ((s + 1.0) * chains);
                        if (mean > 0) {
                            width[j] = 2 * mean;
                        }
                    }
                } else if ((s - settings.warmup() + 1) % settings.thin() == 0) {
                    for (int c = 0; c < chains; c++) {
                        System.arraycopy(x, c * d, draws, (c * perChain + kept) * d, d);
                    }
                    kept++;
                }
            }
            List<String> extra = new ArrayList<>();
            if (stuck > 0) {
                extra.add(stuck + " coordinate updates stopped shrinking after " + MAX_SHRINK
                        + " steps and kept their point");
            }
            return new McmcResult(draws, chains, perChain,
                    McmcDiagnostics.of(draws, chains, perChain, extra), evaluations);
        }

        /** One slice update of coordinate j of every chain. */
        void update(int j, boolean warm) {
            double w = width[j];
            int m = settings.stepOutLimit();
            for (int c = 0; c < chains; c++) {
                logY[c] = lp[c] + Math.log(1 - rng[c].nextDouble()); // ℓ − Exp(1)
                lo[c] = x[c * d + j] - w * rng[c].nextDouble();
                hi[c] = lo[c] + w;
                left[c] = (int) Math.floor(m * rng[c].nextDouble());
                right[c] = m - 1 - left[c];
            }
            while (true) { // stepping out, both sides in one batch
                int n = 0;
                for (int c = 0; c < chains; c++) {
                    if (left[c] > 0) {
                        n = put(n, c, j, lo[c]);
                    }
                    if (right[c] > 0) {
                        n = put(n, chains + c, j, hi[c]);
                    }
                }
                if (n == 0) {
                    break;
                }
                evaluate(n);
                for (int k = 0; k < n; k++) {
                    int c = member[k] % chains;
                    boolean isLeft = member[k] < chains;
                    boolean inside = out[k] > logY[c];
                    if (isLeft) {
                        lo[c] -= inside ? w : 0;
                        left[c] = inside ? left[c] - 1 : 0;
                    } else {
                        hi[c] += inside ? w : 0;
                        right[c] = inside ? right[c] - 1 : 0;
                    }
                }
            }
            boolean[] open = new boolean[chains];
            java.util.Arrays.fill(open, true);
            double[] proposal = new double[chains];
            for (int step = 0; step < MAX_SHRINK; step++) { // shrinkage
                int n = 0;
                for (int c = 0; c < chains; c++) {
                    if (open[c]) {
                        proposal[c] = lo[c] + rng[c].nextDouble() * (hi[c] - lo[c]);
                        n = put(n, c, j, proposal[c]);
                    }
                }
                if (n == 0) {
                    return;
                }
                evaluate(n);
                for (int k = 0; k < n; k++) {
                    int c = member[k];
                    double x0 = x[c * d + j];
                    if (out[k] > logY[c]) {
                        if (warm) {
                            moved[j] += Math.abs(proposal[c] - x0);
                        }
                        x[c * d + j] = proposal[c];
                        lp[c] = out[k];
                        open[c] = false;
                    } else if (proposal[c] < x0) {
                        lo[c] = proposal[c];
                    } else {
                        hi[c] = proposal[c];
                    }
                }
            }
            for (int c = 0; c < chains; c++) {
                stuck += open[c] ? 1 : 0;
            }
        }

        /** Batch row n := chain c's point with coordinate j set to v; returns n + 1. */
        int put(int n, int tag, int j, double v) {
            int c = tag % chains;
            System.arraycopy(x, c * d, batch, n * d, d);
            batch[n * d + j] = v;
            member[n] = tag;
            return n + 1;
        }

        void evaluate(int n) {
            target.logDensity(batch, n, out);
            evaluations += n;
        }
    }
}
