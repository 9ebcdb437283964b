package org.sbi4j.posterior;

import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.sbi4j.tensor.Matrix;

/**
 * Is the observation x_o inside the distribution the posterior was trained on? A neural
 * posterior evaluated far from its training data extrapolates and its answer means little, so
 * this score should be checked (and warned about) before sampling.
 *
 * <p>Every score is a split-conformal test. The stored rows are split deterministically: the
 * even-numbered rows fit the score (mean and covariance, or the k-NN search set), the
 * odd-numbered rows are ranked. Under "x_o comes from the training distribution" x_o and the
 * ranked rows are exchangeable given the fitting rows, so the p-value
 * p = (1 + #{ranked rows with a score ≥ x_o's}) / (1 + #ranked) satisfies P(p ≤ α) ≤ α for every
 * dimension and sample size, and x_o counts as outside when p ≤ α = 1 − level. (Ranking x_o
 * against the same rows the mean and covariance were fitted on, as an earlier version did,
 * shrinks those rows' distances and raises the false-alarm rate: 3.6 % at a nominal 1 % for a
 * 100-dimensional x, 15 % at 200.)
 * <ul>
 * <li>{@link #mahalanobis}: d²(x) = (x − μ)ᵀ Σ⁻¹ (x − μ) with μ, Σ from the fitting rows
 *     (Cholesky, with a 1e-10·mean-variance ridge for degenerate columns). Good for roughly
 *     elliptical x; blind to holes and curved supports.</li>
 * <li>{@link #diagonal}: the same with Σ's diagonal only; any number of columns.</li>
 * <li>{@link #knn}: the distance to the k-th nearest neighbour among a random half of the
 *     rows, ranked against the same distance of up to {@code maxReference} rows of the other
 *     half. Use on standardised x.</li>
 * </ul>
 */
public final class Misspecification {

    /** Default percentile above which x_o counts as outside (α = 1 − level = 0.01). */
    public static final double DEFAULT_LEVEL = 0.99;

    private Misspecification() {
    }

    /**
     * The check sampling runs: {@link #mahalanobis} when the fitting half of the rows
     * outnumbers the columns by at least two (a covariance can be estimated), else
     * {@link #diagonal}, which works for any x dimension (an image of 10⁴ pixels with 2,000
     * stored rows).
     */
    public static MisspecificationResult check(Matrix xTrain, float[] xObs, double level) {
        checkShape(xTrain, xObs, level);
        return reference(xTrain).test(xObs, level);
    }

    /**
     * The score {@link #check} uses, fitted once on the even rows and with the odd rows' scores
     * computed, to test many observations against the same stored rows.
     */
    public static Reference reference(Matrix xTrain) {
        return fitRows(xTrain.rows()) >= xTrain.cols() + 2 ? mahalanobisReference(xTrain)
                : diagonalReference(xTrain);
    }

    /** A fitted score and the held-out rows' scores. */
    public static final class Reference {
        private final String method;
        private final Score score;
        private final double[] own;
        private final int cols;

        private Reference(String method, Score score, Matrix x) {
            this.method = method;
            this.score = score;
            this.cols = x.cols();
            this.own = new double[x.rows() / 2];
            for (int i = 0; i < own.length; i++) {
                own[i] = score.of(x.data(), x.rowOffset(2 * i + 1));
            }
        }

        /** "Mahalanobis" or "standardised Euclidean". */
        public String method() {
            return method;
        }

        /** x_o ranked against the held-out rows at the given level (1 − α). */
        public MisspecificationResult test(float[] xObs, double level) {
            if (xObs.length != cols) {
                throw new IllegalArgumentException("observation has " + xObs.length
                        + " values, training x has " + cols + " columns");
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("level must lie in (0, 1), got " + level);
            }
            double s = score.of(xObs, 0);
            return result(method, Math.sqrt(s), own, s, level);
        }
    }

    /**
     * Standardised Euclidean distance d²(x) = Σ_j (x_j − μ_j)² / σ_j² (the Mahalanobis distance
     * with the covariance's diagonal only). Needs four rows, whatever the number of columns;
     * constant columns are left out.
     */
    public static MisspecificationResult diagonal(Matrix xTrain, float[] xObs, double level) {
        checkShape(xTrain, xObs, level);
        return diagonalReference(xTrain).test(xObs, level);
    }

    private static Reference diagonalReference(Matrix xTrain) {
        if (xTrain.rows() < 4) {
            throw new IllegalArgumentException("need at least 4 training rows, got "
                    + xTrain.rows());
        }
        Matrix fit = evenRows(xTrain);
        int d = xTrain.cols();
        double[] mu = Intervals.mean(fit);
        double[] inv = new double[d];
        for (int i = 0; i < fit.rows(); i++) {
            for (int j = 0; j < d; j++) {
                double v = fit.get(i, j) - mu[j];
                inv[j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            double var = inv[j] / (fit.rows() - 1);
            inv[j] = var > 0 ? 1 / var : 0;
        }
        Score score = (a, off) -> {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = a[off + j] - mu[j];
                s += v * v * inv[j];
            }
            return s;
        };
        return new Reference("standardised Euclidean", score, xTrain);
    }

    /** Mahalanobis distance of x_o against the ranked rows' own distances. */
    public static MisspecificationResult mahalanobis(Matrix xTrain, float[] xObs, double level) {
        checkShape(xTrain, xObs, level);
        return mahalanobisReference(xTrain).test(xObs, level);
    }

    private static Reference mahalanobisReference(Matrix xTrain) {
        int d = xTrain.cols();
        if (fitRows(xTrain.rows()) < d + 2) {
            throw new IllegalArgumentException("need at least 2·(columns + 2) training rows "
                    + "(half fit the covariance, half are ranked), got " + xTrain.shape()
                    + "; use diagonal(...) or check(...) for wide x");
        }
        Matrix fit = evenRows(xTrain);
        double[] mu = Intervals.mean(fit);
        double[][] cov = Intervals.covariance(fit);
        double ridge = 0;
        for (int j = 0; j < d; j++) {
            ridge += cov[j][j];
        }
        ridge = 1e-10 * Math.max(ridge / d, Double.MIN_NORMAL);
        for (int j = 0; j < d; j++) {
            cov[j][j] += ridge;
        }
        double[][] l = new CholeskyDecomposition(new Array2DRowRealMatrix(cov, false), 1e-12, 0)
                .getL().getData();
        Score score = (a, off) -> {
            double[] z = new double[d];
            double s = 0;
            for (int i = 0; i < d; i++) {
                double v = a[off + i] - mu[i];
                double[] li = l[i];
                for (int j = 0; j < i; j++) {
                    v -= li[j] * z[j];
                }
                z[i] = v / li[i];
                s += z[i] * z[i];
            }
            return s;
        };
        return new Reference("Mahalanobis", score, xTrain);
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
        return NearestNeighbours.knn(xTrain, xObs, k, maxReference, level, rng);
    }

    /** A nonconformity score of the row at {@code a[off .. off+cols)}. */
    @FunctionalInterface
    interface Score {
        double of(float[] a, int off);
    }

    /** Rows used to fit a score: the even-numbered ones, ⌈n/2⌉. */
    static int fitRows(int n) {
        return (n + 1) / 2;
    }

    private static Matrix evenRows(Matrix x) {
        Matrix out = Matrix.of(fitRows(x.rows()), x.cols());
        for (int i = 0; i < out.rows(); i++) {
            System.arraycopy(x.data(), x.rowOffset(2 * i), out.data(), out.rowOffset(i), x.cols());
        }
        return out;
    }

    static void checkShape(Matrix xTrain, float[] xObs, double level) {
        if (xTrain.cols() != xObs.length) {
            throw new IllegalArgumentException("observation has " + xObs.length
                    + " values, training x has " + xTrain.cols() + " columns");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie in (0, 1), got " + level);
        }
    }

    /**
     * The result of ranking {@code obs} among {@code own}: percentile = share of own below obs,
     * p = (1 + #{own ≥ obs}) / (1 + #own), outside when p ≤ 1 − level.
     */
    static MisspecificationResult result(String method, double dist, double[] own, double obs,
                                         double level) {
        int below = 0;
        for (double v : own) {
            below += v < obs ? 1 : 0;
        }
        double pct = (double) below / own.length;
        double p = (1.0 + own.length - below) / (1.0 + own.length);
        boolean outside = p <= 1 - level;
        String verdict = String.format(java.util.Locale.ROOT,
                "%s distance of the observation: %.3g, larger than for %.1f%% of held-out "
                        + "training points (p = %.3g): %s",
                method, dist, 100 * pct, p, outside
                        ? "the observation lies OUTSIDE the training distribution (p ≤ "
                        + new java.math.BigDecimal(1 - level).round(new java.math.MathContext(4))
                        .stripTrailingZeros().toPlainString() + "); the posterior extrapolates "
                        + "and may be wrong: check the simulator, the prior and the data"
                        : "the observation lies inside the training distribution.");
        return new MisspecificationResult(method, dist, pct, level, outside, verdict, p);
    }
}
