package org.sbi4j.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.sbi4j.tensor.Matrix;

/**
 * Identifiability report: the parameter directions the data constrain and those they do not.
 *
 * <p>Directions are the generalised eigenvectors of the posterior covariance Σ_q relative to the
 * prior covariance Σ_p: with Σ_p = L Lᵀ (Cholesky), M = L⁻¹ Σ_q L⁻ᵀ = U Λ Uᵀ (symmetric eigen
 * decomposition) and w_k = L⁻ᵀ u_k. Along w_k the prior variance is 1 and the posterior variance
 * λ_k, so √λ_k is exactly the ratio of posterior to prior spread along that direction. Using the
 * prior as the metric makes the result independent of the parameters' units (a plain
 * eigen-decomposition of Σ_q would pick directions by whichever parameter has the largest
 * numbers). A direction with √λ ≥ threshold (default ½) is "not constrained".
 *
 * <p>The analysis runs in linear space and in log space (log of every parameter that is
 * positive in all samples), since multiplicative degeneracies such as A·b² = const are straight
 * lines only in log space. Coefficients are normalised to the first parameter that carries at
 * least a tenth of the largest coefficient and printed to two decimals.
 *
 * <p>Curved ridges (A + b² = c, a banana) are straight in neither space; the report also looks
 * for the quadratic combination the posterior constrains best ({@link CurvedRidges}) and names
 * it when it bends and is at least twice as sharp as the best straight direction.
 */
public final class Identifiability {

    /** Default sd ratio at or above which a direction is not constrained. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private Identifiability() {
    }

    /**
     * @param posterior  samples from q(θ | x_o), n×D
     * @param prior      samples from p(θ), m×D
     * @param names      D parameter names
     * @param threshold  sd ratio threshold in (0, 1]
     */
    public static IdentifiabilityReport analyse(Matrix posterior, Matrix prior, List<String> names,
                                                double threshold) {
        int d = posterior.cols();
        if (prior.cols() != d || names.size() != d) {
            throw new IllegalArgumentException("posterior has " + d + " columns, prior "
                    + prior.cols() + ", names " + names.size());
        }
        if (posterior.rows() <= d || prior.rows() <= d) {
            throw new IllegalArgumentException("need more samples than parameters: posterior "
                    + posterior.shape() + ", prior " + prior.shape());
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must lie in (0, 1], got " + threshold);
        }
        List<Direction> lin = directions("linear", posterior, prior, names, threshold);
        boolean[] positive = new boolean[d];
        boolean any = false;
        for (int j = 0; j < d; j++) {
            positive[j] = allPositive(posterior, j) && allPositive(prior, j);
            any |= positive[j];
        }
        List<Direction> log = List.of();
        if (any) {
            List<String> logNames = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                logNames.add(positive[j] ? "log " + names.get(j) : names.get(j));
            }
            log = directions("log", logOf(posterior, positive), logOf(prior, positive), logNames,
                    threshold);
        }
        String pref = !log.isEmpty() && log.get(0).ratio() < lin.get(0).ratio() ? "log" : "linear";
        List<Direction> use = pref.equals("log") ? log : lin;
        CurvedConstraint curved = curved(pref, posterior, prior, names, positive,
                Math.min(use.get(0).ratio(), threshold));
        String v = verdict(use, pref, threshold);
        if (curved != null) {
            v += " Curved ridge (" + curved.space() + " space): the data constrain "
                    + curved.combination() + " ≈ " + Stats.fmt(curved.value())
                    + " (sd across the ridge " + Stats.fmt(curved.ratio())
                    + " of the prior's, against " + Stats.fmt(use.get(0).ratio())
                    + " for the best straight direction); the posterior follows the curve "
                    + curved.combination() + " = const, and the position along it is what the"
                    + " data leave unconstrained.";
        }
        return new IdentifiabilityReport(names, lin, log, pref, threshold, v, curved);
    }

    /**
     * The sharpest quadratic constraint in the preferred space (see {@link CurvedRidges}; the
     * prior scales of the two spaces differ, so ratios are compared within one space only),
     * kept when it bends (straightness below {@value CurvedRidges#STRAIGHT}) and its sd ratio is
     * below half of {@code bound} (the best straight direction's ratio, at most the threshold).
     * A·b² = c is a straight line in log space, so it gives no curved ridge there.
     */
    private static CurvedConstraint curved(String space, Matrix posterior, Matrix prior,
                                           List<String> names, boolean[] positive,
                                           double bound) {
        CurvedConstraint c;
        if (space.equals("log")) {
            List<String> logNames = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                logNames.add(positive[j] ? "log " + names.get(j) : names.get(j));
            }
            c = CurvedRidges.best("log", logOf(posterior, positive), logOf(prior, positive),
                    logNames);
        } else {
            c = CurvedRidges.best("linear", posterior, prior, names);
        }
        return c != null && c.straightness() < CurvedRidges.STRAIGHT && c.ratio() < 0.5 * bound
                ? c : null;
    }

    private static List<Direction> directions(String space, Matrix q, Matrix p,
                                              List<String> names, double threshold) {
        int d = q.cols();
        double[][] sq = Stats.covariance(q, Stats.mean(q));
        double[][] sp = Stats.covariance(p, Stats.mean(p));
        RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(sp, false)).getL();
        RealMatrix lInv = new org.hipparchus.linear.LUDecomposition(l).getSolver().getInverse();
        RealMatrix m = lInv.multiply(new Array2DRowRealMatrix(sq, false))
                .multiplyTransposed(lInv);
        m = m.add(m.transpose()).scalarMultiply(0.5);
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(m);
        double[] lambda = eig.getEigenvalues();
        Integer[] order = new Integer[d];
        for (int k = 0; k < d; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(lambda[a], lambda[b]));
        List<Direction> out = new ArrayList<>();
        for (int k : order) {
            double[] w = lInv.preMultiply(eig.getEigenvector(k).toArray());
            int ref = reference(w);
            double[] c = new double[d];
            for (int j = 0; j < d; j++) {
                c[j] = w[j] / w[ref];
            }
            double ratio = Math.sqrt(Math.max(lambda[k], 0));
            double priorSd = 1 / Math.abs(w[ref]);
            out.add(new Direction(space, c, combination(c, names), ratio * priorSd, priorSd,
                    ratio < threshold));
        }
        return out;
    }

    /** First index whose |w| is at least a tenth of the largest. */
    private static int reference(double[] w) {
        double max = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
        }
        for (int j = 0; j < w.length; j++) {
            if (Math.abs(w[j]) >= 0.1 * max) {
                return j;
            }
        }
        return 0;
    }

    /** "log A + 2.00·log b": terms whose coefficient rounds to 0.00 are left out. */
    static String combination(double[] c, List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < c.length; j++) {
            double a = Math.round(c[j] * 100) / 100.0;
            if (a == 0) {
                continue;
            }
            String mag = Math.abs(a) == 1 ? "" : String.format(Locale.ROOT, "%.2f·", Math.abs(a));
            if (s.isEmpty()) {
                s.append(a < 0 ? "−" : "").append(mag).append(names.get(j));
            } else {
                s.append(a < 0 ? " − " : " + ").append(mag).append(names.get(j));
            }
        }
        return s.toString();
    }

    private static String verdict(List<Direction> dirs, String space, double threshold) {
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        for (Direction d : dirs) {
            String t = d.combination() + " (posterior sd " + Stats.fmt(d.posteriorSd())
                    + " vs prior " + Stats.fmt(d.priorSd()) + ")";
            (d.constrained() ? yes : no).add(t);
        }
        String where = " [" + space + " space; not constrained = posterior sd at least "
                + Stats.fmt(threshold) + " of the prior sd along the direction]";
        if (no.isEmpty()) {
            return "All " + dirs.size() + " directions are constrained by the data: the "
                    + "parameters are identified; least constrained: " + yes.get(yes.size() - 1)
                    + where + ".";
        }
        if (yes.isEmpty()) {
            return "No direction is constrained: the posterior is about as wide as the prior "
                    + "in every direction (the data carry little information)" + where + ".";
        }
        String c = yes.size() == 1 ? withVerb(yes.get(0), "is constrained")
                : "constrained: " + String.join("; ", yes);
        if (no.size() == 1) {
            return c + "; the orthogonal direction is not constrained: " + no.get(0)
                    + ": the posterior is a ridge" + where + ".";
        }
        return c + "; " + no.size() + " directions are not constrained: " + String.join("; ", no)
                + ": the posterior is degenerate along them" + where + ".";
    }

    /** "a (sd…)" → "a is constrained (sd…)". */
    private static String withVerb(String t, String verb) {
        int p = t.lastIndexOf(" (posterior sd");
        return t.substring(0, p) + " " + verb + t.substring(p);
    }

    private static boolean allPositive(Matrix m, int j) {
        for (int i = 0; i < m.rows(); i++) {
            if (!(m.get(i, j) > 0)) {
                return false;
            }
        }
        return true;
    }

    private static Matrix logOf(Matrix m, boolean[] positive) {
        Matrix out = m.copy();
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                if (positive[j]) {
                    out.set(i, j, (float) Math.log(out.get(i, j)));
                }
            }
        }
        return out;
    }
}
