package org.sbi4j.rounds;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * The prior restricted to the (1 − ε) highest-density region of a density q (TSNPE's proposal,
 * Deistler et al. 2022): {θ in the prior's support : log q(θ) ≥ τ}, with τ the ε-quantile of
 * log q over {@link Config#thresholdSamples()} draws from q, so the region holds 1 − ε of q's
 * mass. Drawn by rejection from the prior; when fewer than {@link Config#minAcceptance()} of the
 * prior's draws land in the region, by sampling-importance-resampling instead: K draws from q
 * per row, weighted by p(θ)/q(θ) inside the region, one kept per group of K. Rejection gives
 * exact draws of the truncated prior; SIR approaches them as K grows.
 */
public final class TruncatedPrior implements Proposal {

    /** The density the region is taken from (a posterior at x_o, a likelihood-based one …). */
    public interface Density {
        /** n draws from q, n × the prior's dimension, inside the prior's support. */
        Matrix sample(int n, UniformRandomProvider rng);

        /** log q(θ) up to a constant for each row; −∞ outside the prior's support. */
        double[] logProb(Matrix theta);
    }

    /**
     * How the region is estimated and drawn from.
     *
     * @param epsilon          mass of q outside the region, in (0, 1) (the paper's 1e-4)
     * @param thresholdSamples draws from q for the threshold (≥ 1/ε would resolve it; sbi uses
     *                         10,000)
     * @param minAcceptance    below this share of prior draws accepted, switch to SIR, in (0, 1]
     * @param sirOversampling  K, draws from q per SIR sample (≥ 1)
     */
    public record Config(double epsilon, int thresholdSamples, double minAcceptance,
                         int sirOversampling) {
        public Config {
            if (!(epsilon > 0 && epsilon < 1)) {
                throw new IllegalArgumentException("epsilon (the mass outside the truncated "
                        + "region) must be in (0, 1), got " + epsilon);
            }
            if (thresholdSamples < 2) {
                throw new IllegalArgumentException("threshold samples must be >= 2, got "
                        + thresholdSamples);
            }
            if (!(minAcceptance > 0 && minAcceptance <= 1)) {
                throw new IllegalArgumentException("the minimum acceptance must be in (0, 1], got "
                        + minAcceptance);
            }
            if (sirOversampling < 1) {
                throw new IllegalArgumentException("SIR oversampling must be >= 1, got "
                        + sirOversampling);
            }
        }
    }

    /** Largest batch of prior draws scored at once. */
    static final int MAX_BATCH = 100_000;

    private final Prior prior;
    private final Density q;
    private final Config config;
    private final double threshold;

    private TruncatedPrior(Prior prior, Density q, Config config, double threshold) {
        this.prior = prior;
        this.q = q;
        this.config = config;
        this.threshold = threshold;
    }

    /** Estimates the region's threshold from {@code config.thresholdSamples()} draws of q. */
    public static TruncatedPrior of(Prior prior, Density q, Config config,
                                    UniformRandomProvider rng) {
        if (prior == null || q == null || config == null) {
            throw new IllegalArgumentException("the prior, the density and the config are needed");
        }
        Matrix s = q.sample(config.thresholdSamples(), rng);
        if (s.cols() != prior.dim()) {
            throw new IllegalArgumentException("the density draws " + s.cols()
                    + " parameters, the prior has " + prior.dim());
        }
        double[] lp = q.logProb(s);
        Arrays.sort(lp);
        double tau = lp[(int) Math.floor(config.epsilon() * lp.length)];
        if (!(tau > Double.NEGATIVE_INFINITY) || Double.isNaN(tau)) {
            throw new IllegalStateException("the density's own draws have log q = " + tau
                    + " at the " + config.epsilon() + " quantile: no region to truncate to");
        }
        return new TruncatedPrior(prior, q, config, tau);
    }

    /** τ: the region is log q ≥ τ. */
    public double threshold() {
        return threshold;
    }

    /** Whether each row of θ lies in the region (and in the prior's support). */
    public boolean[] inRegion(Matrix theta) {
        double[] lp = q.logProb(theta);
        boolean[] in = new boolean[lp.length];
        for (int i = 0; i < lp.length; i++) {
            in[i] = lp[i] >= threshold && prior.inSupport(theta.data(), theta.rowOffset(i));
        }
        return in;
    }

    @Override
    public int dim() {
        return prior.dim();
    }

    @Override
    public Draw draw(int n, UniformRandomProvider rng) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw " + n + " parameters");
        }
        Matrix out = Matrix.of(n, prior.dim());
        int got = 0;
        long proposed = 0;
        int batch = Math.min(MAX_BATCH, Math.max(1_000, 2 * n));
        while (got < n) {
            Matrix cand = prior.sample(batch, rng);
            boolean[] in = inRegion(cand);
            proposed += batch;
            for (int i = 0; i < batch && got < n; i++) {
                if (in[i]) {
                    System.arraycopy(cand.data(), cand.rowOffset(i), out.data(),
                            out.rowOffset(got++), prior.dim());
                }
            }
            double rate = got / (double) proposed;
            if (got < n && rate < config.minAcceptance()) {
                return sir(n, rng, rate, proposed);
            }
            batch = (int) Math.min(MAX_BATCH, Math.ceil(1.2 * (n - got) / rate) + 100);
        }
        return new Draw(out, String.format(Locale.ROOT, "prior truncated to the %s HPR "
                + "(log q >= %.4f): rejection, %d of %d prior draws accepted (%.3g%%)",
                level(), threshold, n, proposed, 100.0 * n / proposed));
    }

    private Draw sir(int n, UniformRandomProvider rng, double rate, long proposed) {
        int k = config.sirOversampling();
        Matrix out = Matrix.of(n, prior.dim());
        int groups = Math.max(1, MAX_BATCH / 10 / k); // rows resampled per batch of q draws
        for (int from = 0; from < n; from += groups) {
            int m = Math.min(groups, n - from);
            Matrix cand = q.sample(m * k, rng);
            double[] lq = q.logProb(cand);
            double[] pr = new double[m * k];
            prior.logProb(cand, pr);
            for (int g = 0; g < m; g++) {
                int pick = pick(lq, pr, g * k, k, rng);
                System.arraycopy(cand.data(), cand.rowOffset(pick), out.data(),
                        out.rowOffset(from + g), prior.dim());
            }
        }
        return new Draw(out, String.format(Locale.ROOT, "prior truncated to the %s HPR "
                + "(log q >= %.4f): sampling-importance-resampling (K = %d) because rejection "
                + "accepted %.3g%% of %d prior draws (< %.3g%%)", level(), threshold, k,
                100 * rate, proposed, 100 * config.minAcceptance()));
    }

    /** One of rows off … off+k−1, with probability ∝ p/q inside the region (uniform if none). */
    private int pick(double[] lq, double[] pr, int off, int k, UniformRandomProvider rng) {
        double max = Double.NEGATIVE_INFINITY;
        double[] w = new double[k];
        for (int j = 0; j < k; j++) {
            w[j] = lq[off + j] >= threshold ? pr[off + j] - lq[off + j] : Double.NEGATIVE_INFINITY;
            max = Math.max(max, w[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            w[j] = max == Double.NEGATIVE_INFINITY ? 1 : Math.exp(w[j] - max);
            sum += w[j];
        }
        double u = rng.nextDouble() * sum;
        for (int j = 0; j < k; j++) {
            u -= w[j];
            if (u < 0) {
                return off + j;
            }
        }
        return off + k - 1;
    }

    private String level() {
        return String.format(Locale.ROOT, "%.6g%%", 100 * (1 - config.epsilon()));
    }
}
