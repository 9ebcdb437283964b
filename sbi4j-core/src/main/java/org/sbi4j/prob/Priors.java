package org.sbi4j.prob;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * Validating factories for priors. Each checks its arguments and throws an
 * {@link IllegalArgumentException} naming the parameter and the offending value, e.g.
 * "uniform prior for parameter 'a': low 2.0 must be below high 1.0". Univariate priors are
 * commons-statistics distributions (see {@link Univariate}); vectors of them are combined with
 * {@link #independent(Prior...)}.
 *
 * <pre>{@code
 * Prior p = Priors.independent(
 *         Priors.uniform("mu", -3, 3),                        // U(−3, 3)
 *         Priors.normal(List.of("a", "b"), new double[] {0, 0}, new double[] {1, 2}));
 * Prior marginal = Priors.withNuisance(p, "b");               // infer mu and a only
 * }</pre>
 */
public final class Priors {

    private Priors() {
    }

    /** Names {@code prefix_1 .. prefix_n}. */
    public static List<String> names(String prefix, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one parameter name, got n = " + n);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(prefix + "_" + i);
        }
        return List.copyOf(out);
    }

    /** U(low, high): density 1/(high − low) on [low, high]; both bounds finite, low &lt; high. */
    public static Univariate uniform(String name, double low, double high) {
        String what = Checks.what("uniform", name);
        Checks.interval(low, high, what, false);
        return Univariate.of(name, "uniform(" + low + ", " + high + ")",
                UniformContinuousDistribution.of(low, high));
    }

    /** The box U(low_1, high_1) × … × U(low_d, high_d), one bound pair per name. */
    public static Independent uniform(List<String> names, double[] low, double[] high) {
        String what = "uniform prior for parameters " + names;
        Checks.names(names, names == null ? 0 : names.size(), what);
        Checks.length(low, names.size(), what, "low");
        Checks.length(high, names.size(), what, "high");
        List<Prior> blocks = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            blocks.add(uniform(names.get(j), low[j], high[j]));
        }
        return Independent.of(blocks);
    }

    /** The box U(low, high)^d with the same bounds for every name. */
    public static Independent uniform(List<String> names, double low, double high) {
        int d = names == null ? 0 : names.size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, low);
        java.util.Arrays.fill(hi, high);
        return uniform(names, lo, hi);
    }

    /** N(mean, sd²) on ℝ; sd is the standard deviation (not the variance), sd &gt; 0. */
    public static Univariate normal(String name, double mean, double sd) {
        String what = Checks.what("normal", name);
        Checks.finite(mean, what, "mean");
        Checks.positive(sd, what, "sd");
        return Univariate.of(name, "normal(" + mean + ", sd " + sd + ")", NormalDistribution.of(mean, sd));
    }

    /** Independent N(mean_j, sd_j²) for each name. */
    public static Independent normal(List<String> names, double[] mean, double[] sd) {
        String what = "normal prior for parameters " + names;
        Checks.names(names, names == null ? 0 : names.size(), what);
        Checks.length(mean, names.size(), what, "mean");
        Checks.length(sd, names.size(), what, "sd");
        List<Prior> blocks = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            blocks.add(normal(names.get(j), mean[j], sd[j]));
        }
        return Independent.of(blocks);
    }

    /** LogNormal(mu, sigma): log θ ~ N(mu, sigma²); support [0, ∞). */
    public static Univariate logNormal(String name, double mu, double sigma) {
        String what = Checks.what("log-normal", name);
        Checks.finite(mu, what, "mu");
        Checks.positive(sigma, what, "sigma");
        return Univariate.of(name, "logNormal(" + mu + ", " + sigma + ")", LogNormalDistribution.of(mu, sigma));
    }

    /** Gamma(shape k, scale s): density θ^(k−1) e^(−θ/s) / (Γ(k) s^k), mean k s; support [0, ∞). */
    public static Univariate gamma(String name, double shape, double scale) {
        String what = Checks.what("gamma", name);
        Checks.positive(shape, what, "shape");
        Checks.positive(scale, what, "scale");
        return Univariate.of(name, "gamma(shape " + shape + ", scale " + scale + ")",
                GammaDistribution.of(shape, scale));
    }

    /** Beta(α, β): density θ^(α−1)(1−θ)^(β−1)/B(α, β) on [0, 1]. */
    public static Univariate beta(String name, double alpha, double beta) {
        String what = Checks.what("beta", name);
        Checks.positive(alpha, what, "alpha");
        Checks.positive(beta, what, "beta");
        return Univariate.of(name, "beta(" + alpha + ", " + beta + ")", BetaDistribution.of(alpha, beta));
    }

    /**
     * N(mean, sd²) restricted to [low, high] and renormalised; either bound may be infinite
     * (mean and sd are those of the parent normal, not of the truncated one).
     */
    public static Univariate truncatedNormal(String name, double mean, double sd, double low, double high) {
        String what = Checks.what("truncated normal", name);
        Checks.finite(mean, what, "mean");
        Checks.positive(sd, what, "sd");
        Checks.interval(low, high, what, true);
        return Univariate.of(name, "truncatedNormal(" + mean + ", sd " + sd + ", [" + low + ", " + high + "])",
                TruncatedNormalDistribution.of(mean, sd, low, high));
    }

    /** N(mean, covariance); see {@link MultivariateNormal}. */
    public static MultivariateNormal multivariateNormal(List<String> names, double[] mean, double[][] covariance) {
        return MultivariateNormal.of(names, mean, covariance);
    }

    /** The product of independent blocks; see {@link Independent}. */
    public static Independent independent(Prior... blocks) {
        return Independent.of(blocks);
    }

    /**
     * A user-defined prior.
     *
     * @param names parameter names (dim = names.size())
     * @param lower support lower bounds (may be −∞), one per name
     * @param upper support upper bounds (may be +∞), lower[j] &lt; upper[j]
     * @param sampler draws θ from the prior using only the given rng
     * @param logProb log p(θ), called only for θ inside the box (−∞ is returned outside);
     *                returning −∞ inside the box marks θ outside the support (a simplex, an
     *                ordering), and posteriors reject there too ({@link Prior#inSupport})
     */
    public static CustomPrior custom(List<String> names, double[] lower, double[] upper,
            CustomPrior.SampleFunction sampler, ToDoubleFunction<double[]> logProb) {
        String what = "custom prior for parameters " + names;
        List<String> n = Checks.names(names, names == null ? 0 : names.size(), what);
        if (n.isEmpty()) {
            throw new IllegalArgumentException(what + ": no parameters");
        }
        Checks.length(lower, n.size(), what, "lower");
        Checks.length(upper, n.size(), what, "upper");
        for (int j = 0; j < n.size(); j++) {
            Checks.interval(lower[j], upper[j], Checks.what("custom", n.get(j)), true);
        }
        if (sampler == null || logProb == null) {
            throw new IllegalArgumentException(what + ": the sampler and logProb functions are required");
        }
        return new CustomPrior(n, lower.clone(), upper.clone(), sampler, logProb);
    }

    /**
     * The same prior with the named parameters declared nuisance (see {@link Prior#nuisance()}),
     * so that training can target only the others. Flags already set on {@code prior} are kept.
     */
    public static Prior withNuisance(Prior prior, String... nuisanceNames) {
        if (prior == null) {
            throw new IllegalArgumentException("withNuisance: prior is missing");
        }
        boolean[] nu = prior.nuisance().clone();
        for (String n : nuisanceNames) {
            int j = prior.names().indexOf(n);
            if (j < 0) {
                throw new IllegalArgumentException("withNuisance: no parameter named '" + n
                        + "' among " + prior.names());
            }
            nu[j] = true;
        }
        int interest = 0;
        for (boolean b : nu) {
            interest += b ? 0 : 1;
        }
        if (interest == 0) {
            throw new IllegalArgumentException("withNuisance: declaring " + List.of(nuisanceNames)
                    + " nuisance leaves no parameter of interest among " + prior.names());
        }
        return new NuisancePrior(prior, nu);
    }

    /**
     * The same prior with no parameter declared nuisance: training on it targets every
     * parameter (the joint posterior a predictive check with nuisances needs). Returns
     * {@code prior} itself when it declares no nuisance.
     */
    public static Prior allOfInterest(Prior prior) {
        if (prior.interestIndices().length == prior.dim()) {
            return prior;
        }
        return new NuisancePrior(prior, new boolean[prior.dim()]);
    }
}
