package org.sbi4j.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sbi4j.tensor.Matrix;

/**
 * Posterior predictive check (Gelman, Meng &amp; Stern 1996): is the observation x_o a typical
 * draw from the posterior predictive p(x | x_o) = ∫ p(x | θ) q(θ | x_o) dθ?
 *
 * <p>The caller draws θ⁽ᵐ⁾ ~ q(θ | x_o) and simulates x⁽ᵐ⁾ ~ p(x | θ⁽ᵐ⁾). Per dimension j the
 * predictive quantile of the observation is qⱼ = (#{m : x⁽ᵐ⁾ⱼ &lt; x_o,ⱼ} + ½·#{ties})/M; the
 * dimension is flagged when qⱼ lies outside the central {@code level} interval
 * [(1−level)/2, (1+level)/2]. Under a correct model each dimension is flagged with probability
 * about 1 − level, so with many dimensions a few flags are expected by chance (the verdict
 * states how many).
 *
 * <p>With nuisance parameters ν the predictive needs draws of (θ, ν) from their joint posterior
 * p(θ, ν | x_o): a posterior over θ alone with ν drawn from its prior gives a predictive that is
 * too wide and loses power. {@link Predictive} carries where the nuisances came from and how
 * many predictive simulations failed; both go into the verdict.
 */
public final class Ppc {

    /** Default central interval: 99 %. */
    public static final double DEFAULT_LEVEL = 0.99;

    private Ppc() {
    }

    /**
     * Checks x_o against M predictive draws.
     *
     * @param predictive M×dim x simulated predictive draws
     * @param observed   x_o (dim x values)
     * @param names      names of the x dimensions, or null for x[0], x[1], …
     * @param level      central mass in (0, 1)
     */
    public static PpcResult check(Matrix predictive, float[] observed, List<String> names,
                                  double level) {
        return check(new Predictive(predictive, 0, null, null), observed, names, level);
    }

    /**
     * Predictive draws with their bookkeeping.
     *
     * @param x         M×dim simulated x of the successful simulations
     * @param failed    simulations that failed or returned non-finite x (left out of x)
     * @param failure   the first failure's message, or null
     * @param nuisances how the nuisance parameters were drawn ("joint posterior", "prior"), or
     *                  null when the model has none
     */
    public record Predictive(Matrix x, int failed, String failure, String nuisances) {
        public Predictive {
            if (failed < 0) {
                throw new IllegalArgumentException("failed simulations must be >= 0, got "
                        + failed);
            }
        }
    }

    /** As {@link #check(Matrix, float[], List, double)}, reporting failures and nuisances. */
    public static PpcResult check(Predictive draws, float[] observed, List<String> names,
                                  double level) {
        Matrix predictive = draws.x();
        int m = predictive.rows();
        int d = predictive.cols();
        if (observed.length != d) {
            throw new IllegalArgumentException("observation has " + observed.length
                    + " values, the predictive draws have " + d + " columns");
        }
        if (m == 0) {
            throw new IllegalArgumentException("no predictive draws");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie in (0, 1), got " + level);
        }
        List<String> nm = names != null ? names : defaultNames(d);
        if (nm.size() != d) {
            throw new IllegalArgumentException(nm.size() + " names for " + d + " dimensions");
        }
        double[] q = new double[d];
        float[] a = predictive.data();
        for (int i = 0; i < m; i++) {
            int o = predictive.rowOffset(i);
            for (int j = 0; j < d; j++) {
                float v = a[o + j];
                q[j] += v < observed[j] ? 1 : v == observed[j] ? 0.5 : 0;
            }
        }
        double lo = (1 - level) / 2;
        List<Integer> flags = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            q[j] /= m;
            if (q[j] < lo || q[j] > 1 - lo) {
                flags.add(j);
            }
        }
        int[] f = flags.stream().mapToInt(Integer::intValue).toArray();
        String v = verdict(nm, q, level, f, m) + notes(draws);
        return new PpcResult(nm, q, level, f, v, draws.failed(), draws.nuisances());
    }

    private static String notes(Predictive d) {
        String s = "";
        if (d.failed() > 0) {
            s += " " + d.failed() + " of " + (d.failed() + d.x().rows())
                    + " predictive simulations failed and are left out"
                    + (d.failure() != null ? " (first: " + d.failure() + ")" : "") + ".";
        }
        if ("prior".equals(d.nuisances())) {
            s += " Nuisance parameters were drawn from their prior (no joint posterior was "
                    + "given): the predictive is wider than the posterior predictive, so this "
                    + "check is conservative.";
        } else if (d.nuisances() != null) {
            s += " Nuisance parameters were drawn from the " + d.nuisances() + ".";
        }
        return s;
    }

    private static List<String> defaultNames(int d) {
        List<String> n = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            n.add("x[" + j + "]");
        }
        return n;
    }

    private static String verdict(List<String> names, double[] q, double level, int[] f, int m) {
        String pct = Stats.percent(level) + "%";
        String head = "Posterior predictive check with " + m + " draws: ";
        String chance = String.format(Locale.ROOT,
                " (under a correct model about %.2g of %d dimensions are flagged by chance)",
                q.length * (1 - level), q.length);
        if (f.length == 0) {
            return head + "the observation lies within the central " + pct
                    + " of the predictive distribution in all " + q.length + " dimensions"
                    + chance + ".";
        }
        List<String> parts = new ArrayList<>();
        for (int j : f) {
            parts.add(names.get(j) + " (quantile " + Stats.fmt(q[j]) + ", observation "
                    + (q[j] > 0.5 ? "above" : "below") + " the predictive draws)");
        }
        return head + f.length + " of " + q.length + " dimensions lie outside the central "
                + pct + ": " + String.join(", ", parts)
                + "; the model does not reproduce these features of the data" + chance + ".";
    }
}
