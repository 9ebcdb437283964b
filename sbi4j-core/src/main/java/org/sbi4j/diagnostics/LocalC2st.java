package org.sbi4j.diagnostics;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/**
 * Local calibration at one observation: the local classifier two-sample test (L-C2ST, Linhart,
 * Gramfort &amp; Rodrigues 2023, arXiv:2306.03580), in its form that needs only samples of q.
 *
 * <p>On N calibration pairs (θᵢ, xᵢ) from the prior predictive a classifier learns to tell
 * (θᵢ, xᵢ) (class 1) from (θ'ᵢ, xᵢ) with θ'ᵢ ~ q(θ | xᵢ) (class 0); features are z-scored with the
 * calibration pairs' means and sds. If q is the true posterior the two classes are the same law
 * and the classifier's probability d(θ, x) is ½ everywhere. The statistic at x_o is
 * t = mean over M draws θ ~ q(θ | x_o) of (d(θ, x_o) − ½)². Its null law is simulated by R
 * classifiers trained in the same way on two independent sets of draws from q (class 1 θ''ᵢ,
 * class 0 θ'ᵢ), which are exchangeable with the real one under "q is correct", so
 * p = (1 + #{t_null ≥ t}) / (1 + R) is a valid p-value (its resolution is 1/(R + 1)).
 * A small p says q is wrong <em>at x_o</em>, which a global check (SBC, coverage) averages away.
 */
public final class LocalC2st {

    /**
     * @param evaluationDraws M, draws of q(θ | x_o) the statistic averages over
     * @param nullRuns        R classifiers trained under the null
     * @param classifier      the C2ST classifier's settings (sbibm's by default)
     */
    public record Settings(int evaluationDraws, int nullRuns, C2st.Config classifier) {
        public Settings {
            if (evaluationDraws < 1 || nullRuns < 1) {
                throw new IllegalArgumentException("need at least 1 evaluation draw and 1 null "
                        + "run, got " + evaluationDraws + " and " + nullRuns);
            }
        }

        /** M = 1,000 draws, R = 19 null runs (p ≥ 0.05 resolution), sbibm's classifier. */
        public static Settings defaults() {
            return new Settings(1000, 19, C2st.Config.sbibm());
        }
    }

    /**
     * @param statistic      t at x_o
     * @param nullStatistics the R null statistics
     * @param pValue         (1 + #{t_null ≥ t}) / (1 + R)
     * @param verdict        the finding in plain words
     */
    public record Result(double statistic, double[] nullStatistics, double pValue,
                         String verdict) {
        public Result {
            nullStatistics = nullStatistics.clone();
        }

        @Override
        public double[] nullStatistics() {
            return nullStatistics.clone();
        }
    }

    private LocalC2st() {
    }

    /**
     * @param theta   N×D calibration parameters θᵢ ~ p(θ)
     * @param x       N×dx their simulations xᵢ ~ p(x | θᵢ)
     * @param q       the posterior to test
     * @param xo      the observation
     * @param s       draws, null runs and classifier
     * @param alpha   the level the verdict uses
     * @param rng     every draw (q's samples, classifier weights, shuffles)
     */
    public static Result test(Matrix theta, Matrix x, PosteriorSampler q, float[] xo,
                              Settings s, double alpha, UniformRandomProvider rng) {
        Stats.checkAlpha(alpha);
        int n = theta.rows();
        if (x.rows() != n || n < 10 || xo.length != x.cols()) {
            throw new IllegalArgumentException("need at least 10 calibration pairs with as many x"
                    + " rows as θ rows and an observation of " + x.cols() + " values; got θ "
                    + theta.shape() + ", x " + x.shape() + ", x_o of " + xo.length);
        }
        Matrix fromQ = drawPerRow(q, x, theta.cols(), rng);
        Matrix atXo = q.sample(xo, s.evaluationDraws(), rng);
        double t = statistic(theta, fromQ, x, atXo, xo, s, rng);
        double[] nulls = new double[s.nullRuns()];
        for (int r = 0; r < nulls.length; r++) {
            Matrix a = drawPerRow(q, x, theta.cols(), rng);
            Matrix b = drawPerRow(q, x, theta.cols(), rng);
            nulls[r] = statistic(a, b, x, atXo, xo, s, rng);
        }
        int above = 0;
        for (double v : nulls) {
            above += v >= t ? 1 : 0;
        }
        double p = (1.0 + above) / (1.0 + nulls.length);
        double[] sorted = nulls.clone();
        Arrays.sort(sorted);
        String verdict = String.format(Locale.ROOT, "Local C2ST at the observation (N = %d "
                        + "calibration pairs, %d draws, %d null classifiers): statistic %.3g "
                        + "against a null median %.3g, p = %.3g: %s", n, s.evaluationDraws(),
                nulls.length, t, sorted[sorted.length / 2], p, p <= alpha
                        ? "the posterior is NOT locally calibrated at this observation (p ≤ "
                        + Stats.fmt(alpha) + ")"
                        : "consistent with a calibrated posterior at this observation");
        return new Result(t, nulls, p, verdict);
    }

    /** One draw of q(θ | xᵢ) per row of x. */
    private static Matrix drawPerRow(PosteriorSampler q, Matrix x, int d,
                                     UniformRandomProvider rng) {
        Matrix out = Matrix.of(x.rows(), d);
        for (int i = 0; i < x.rows(); i++) {
            Matrix one = q.sample(x.row(i), 1, rng);
            System.arraycopy(one.data(), one.rowOffset(0), out.data(), out.rowOffset(i), d);
        }
        return out;
    }

    /** Trains class 1 = (positive, x) against class 0 = (negative, x); t at x_o. */
    private static double statistic(Matrix positive, Matrix negative, Matrix x, Matrix atXo,
                                    float[] xo, Settings s, UniformRandomProvider rng) {
        int n = x.rows();
        int d = positive.cols();
        int f = d + x.cols();
        Matrix features = Matrix.of(2 * n, f);
        float[] labels = new float[2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                features.set(i, j, positive.get(i, j));
                features.set(n + i, j, negative.get(i, j));
            }
            for (int j = 0; j < x.cols(); j++) {
                features.set(i, d + j, x.get(i, j));
                features.set(n + i, d + j, x.get(i, j));
            }
            labels[i] = 1f;
        }
        double[] mu = Stats.mean(features);
        double[] sd = new double[f];
        for (int i = 0; i < 2 * n; i++) {
            for (int j = 0; j < f; j++) {
                double v = features.get(i, j) - mu[j];
                sd[j] += v * v / (2 * n - 1);
            }
        }
        for (int j = 0; j < f; j++) {
            sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1;
        }
        zScore(features, mu, sd);
        C2stClassifier c = new C2stClassifier(f, s.classifier(), rng);
        c.fit(features, labels, rng);
        Matrix eval = Matrix.of(atXo.rows(), f);
        for (int m = 0; m < atXo.rows(); m++) {
            for (int j = 0; j < d; j++) {
                eval.set(m, j, atXo.get(m, j));
            }
            for (int j = 0; j < x.cols(); j++) {
                eval.set(m, d + j, xo[j]);
            }
        }
        zScore(eval, mu, sd);
        double t = 0;
        for (double p : c.probabilities(eval)) {
            t += (p - 0.5) * (p - 0.5);
        }
        return t / atXo.rows();
    }

    private static void zScore(Matrix m, double[] mu, double[] sd) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                m.set(i, j, (float) ((m.get(i, j) - mu[j]) / sd[j]));
            }
        }
    }
}
