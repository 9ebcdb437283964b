package org.sbi4j.posterior;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.sbi4j.tensor.Matrix;

/**
 * Is the observation x_o inside the distribution the posterior was trained on? A neural
 * posterior evaluated far from its training data extrapolates and its answer means little, so
 * this score should be checked (and warned about) before sampling.
 *
 * <p>Two pure scores, each comparing x_o's distance with the training points' own distances,
 * so the percentile is a conformal-style rank and needs no distributional assumption:
 * <ul>
 * <li>{@link #mahalanobis}: d²(x) = (x − μ)ᵀ Σ⁻¹ (x − μ) with μ, Σ the training mean and
 *     covariance (Cholesky, with a 1e-10·mean-variance ridge for degenerate columns). Good for
 *     roughly elliptical x; blind to holes and curved supports.</li>
 * <li>{@link #knn}: the distance from x_o to its k-th nearest neighbour in a random "search" half
 *     of the training set, against the same distance for up to {@code maxReference} points of
 *     the other half. x_o and the reference points are then exchangeable under "x_o comes from
 *     the training distribution", so the percentile is an exact conformal rank. Use on
 *     standardised x.</li>
 * </ul>
 */
public final class Misspecification {

    /** Default percentile above which x_o counts as outside. */
    public static final double DEFAULT_LEVEL = 0.99;

    private Misspecification() {
    }

    /**
     * The check sampling runs: {@link #mahalanobis} when the training rows outnumber the columns
     * by at least two (a covariance can be estimated), else {@link #diagonal}, which works for
     * any x dimension (an image of 10⁴ pixels with 2,000 stored rows).
     */
    public static MisspecificationResult check(Matrix xTrain, float[] xObs, double level) {
        return xTrain.rows() >= xTrain.cols() + 2 ? mahalanobis(xTrain, xObs, level)
                : diagonal(xTrain, xObs, level);
    }

    /**
     * Standardised Euclidean distance d²(x) = Σ_j (x_j − μ_j)² / σ_j² (the Mahalanobis distance
     * with the covariance's diagonal only) of x_o against the training rows' own distances. Needs
     * only two rows, whatever the number of columns; constant columns are left out.
     */
    public static MisspecificationResult diagonal(Matrix xTrain, float[] xObs, double level) {
        checkShape(xTrain, xObs, level);
        int n = xTrain.rows();
        int d = xTrain.cols();
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 training rows, got " + n);
        }
        double[] mu = Intervals.mean(xTrain);
        double[] inv = new double[d];
        float[] a = xTrain.data();
        for (int i = 0; i < n; i++) {
            int o = xTrain.rowOffset(i);
            for (int j = 0; j < d; j++) {
                double v = a[o + j] - mu[j];
                inv[j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            double var = inv[j] / (n - 1);
            inv[j] = var > 0 ? 1 / var : 0;
        }
        double[] own = new double[n];
        for (int i = 0; i < n; i++) {
            int o = xTrain.rowOffset(i);
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = a[o + j] - mu[j];
                s += v * v * inv[j];
            }
            own[i] = s;
        }
        double dObs = 0;
        for (int j = 0; j < d; j++) {
            double v = xObs[j] - mu[j];
            dObs += v * v * inv[j];
        }
        return result("standardised Euclidean", Math.sqrt(dObs), percentile(own, dObs), level);
    }

    /** Mahalanobis distance of x_o against the training rows' own distances. */
    public static MisspecificationResult mahalanobis(Matrix xTrain, float[] xObs, double level) {
        checkShape(xTrain, xObs, level);
        if (xTrain.rows() < xTrain.cols() + 2) {
            throw new IllegalArgumentException("need more training rows than columns + 1, got "
                    + xTrain.shape() + "; use diagonal(...) or check(...) for wide x");
        }
        int n = xTrain.rows();
        int d = xTrain.cols();
        double[] mu = Intervals.mean(xTrain);
        double[][] cov = Intervals.covariance(xTrain);
        double ridge = 0;
        for (int j = 0; j < d; j++) {
            ridge += cov[j][j];
        }
        ridge = 1e-10 * Math.max(ridge / d, Double.MIN_NORMAL);
        for (int j = 0; j < d; j++) {
            cov[j][j] += ridge;
        }
        RealMatrix lower = new CholeskyDecomposition(new Array2DRowRealMatrix(cov, false),
                1e-12, 0).getL();
        double[][] l = lower.getData();
        double[] z = new double[d];
        double[] own = new double[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            int o = xTrain.rowOffset(i);
            for (int j = 0; j < d; j++) {
                row[j] = xTrain.data()[o + j];
            }
            own[i] = solveNorm2(l, row, mu, z);
        }
        double[] obs = new double[d];
        for (int j = 0; j < d; j++) {
            obs[j] = xObs[j];
        }
        double dObs = solveNorm2(l, obs, mu, z);
        return result("Mahalanobis", Math.sqrt(dObs), percentile(own, dObs), level);
    }

    /**
     * k-NN distance percentile (Euclidean; pass standardised x).
     *
     * @param k            neighbour index (≥ 1), e.g. 5
     * @param maxReference at most this many reference points (cost ~ maxReference·n/2·dim)
     * @param rng          splits the training set into search and reference halves
     */
    public static MisspecificationResult knn(Matrix xTrain, float[] xObs, int k, int maxReference,
                                             double level, UniformRandomProvider rng) {
        checkShape(xTrain, xObs, level);
        int n = xTrain.rows();
        if (k < 1 || n / 2 < k + 1 || maxReference < 1) {
            throw new IllegalArgumentException("need k >= 1, maxReference >= 1 and at least "
                    + "2(k+1) training rows; got k = " + k + ", maxReference = " + maxReference
                    + ", " + n + " rows");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int searchSize = n / 2;
        int[] search = Arrays.copyOf(perm, searchSize);
        int refs = Math.min(maxReference, n - searchSize);
        double[] own = new double[refs];
        double[] heap = new double[k];
        for (int r = 0; r < refs; r++) {
            own[r] = kth(xTrain, xTrain.row(perm[searchSize + r]), search, heap);
        }
        double dObs = kth(xTrain, xObs, search, heap);
        return result("k-NN (k = " + k + ")", Math.sqrt(dObs), percentile(own, dObs), level);
    }

    private static void checkShape(Matrix xTrain, float[] xObs, double level) {
        if (xTrain.cols() != xObs.length) {
            throw new IllegalArgumentException("observation has " + xObs.length
                    + " values, training x has " + xTrain.cols() + " columns");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie in (0, 1), got " + level);
        }
    }

    /** ‖L⁻¹(x − μ)‖² by forward substitution (z is scratch). */
    private static double solveNorm2(double[][] l, double[] x, double[] mu, double[] z) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double v = x[i] - mu[i];
            for (int j = 0; j < i; j++) {
                v -= l[i][j] * z[j];
            }
            z[i] = v / l[i][i];
            s += z[i] * z[i];
        }
        return s;
    }

    /** Squared distance from p to its k-th nearest row among {@code rows} (k = heap.length). */
    private static double kth(Matrix x, float[] p, int[] rows, double[] best) {
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        float[] a = x.data();
        for (int r : rows) {
            int o = x.rowOffset(r);
            double s = 0;
            for (int j = 0; j < p.length; j++) {
                double v = a[o + j] - p[j];
                s += v * v;
            }
            if (s < best[best.length - 1]) {
                int i = best.length - 1;
                while (i > 0 && best[i - 1] > s) {
                    best[i] = best[i - 1];
                    i--;
                }
                best[i] = s;
            }
        }
        return best[best.length - 1];
    }

    private static double percentile(double[] own, double obs) {
        int below = 0;
        for (double v : own) {
            below += v < obs ? 1 : 0;
        }
        return (double) below / own.length;
    }

    private static MisspecificationResult result(String method, double dist, double pct,
                                                 double level) {
        boolean outside = pct > level;
        String verdict = String.format(Locale.ROOT,
                "%s distance of the observation: %s, larger than for %.1f%% of training points: %s",
                method, String.format(Locale.ROOT, "%.3g", dist), 100 * pct, outside
                        ? "the observation lies OUTSIDE the training distribution (beyond the "
                        + new java.math.BigDecimal(100 * level).round(new java.math.MathContext(4))
                        .stripTrailingZeros().toPlainString() + "th percentile); the posterior extrapolates "
                        + "and may be wrong: check the simulator, the prior and the data"
                        : "the observation lies inside the training distribution.");
        return new MisspecificationResult(method, dist, pct, level, outside, verdict);
    }
}
