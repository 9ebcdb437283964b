package org.sbi4j.diagnostics;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.tensor.Matrix;

/**
 * Classifier two-sample test (Lopez-Paz &amp; Oquab 2017, arXiv:1610.06545) exactly as sbibm
 * computes its published "C2ST" column (Lueckmann et al. 2021, arXiv:2101.04653):
 * <ol>
 * <li>z-score both sets with the per-dimension mean and standard deviation (n−1) of the
 *     reference set X;</li>
 * <li>label X as 0 and Y as 1 and stack them;</li>
 * <li>5-fold cross-validation over a random permutation (sklearn's shuffled KFold: the first
 *     n mod 5 folds get one extra row), training scikit-learn's MLPClassifier as rebuilt in
 *     {@link C2stClassifier} (two ReLU layers of 10·d units, Adam lr 1e-3, minibatch 200, L2
 *     α = 1e-4, tol 1e-4 for 10 epochs, at most 10,000 epochs, Glorot-uniform init);</li>
 * <li>C2ST = mean held-out accuracy (threshold ½).</li>
 * </ol>
 * As in sbibm, every fold's classifier starts from the same seed (sklearn clones the
 * estimator with {@code random_state=1} into each fold), so all folds share the initial weights
 * and the shuffling stream; {@code rng} draws the fold permutation and that one seed. The folds
 * train in parallel threads, each with its own generator created from the seed, so the result
 * does not depend on the number of threads or their timing. Not bit-identical to sklearn (other random
 * streams, float32); scripts/c2st_sklearn_check.py compares the two (see docs/c2st.md).
 */
public final class C2st {

    /**
     * C2ST settings; {@link #sbibm()} gives the published configuration.
     *
     * @param folds        number of cross-validation folds (≥ 2)
     * @param hiddenPerDim hidden units per input dimension (10)
     * @param batchSize    minibatch size (200; sklearn uses min(200, n))
     * @param learningRate Adam learning rate (1e-3)
     * @param alpha        L2 penalty α (1e-4)
     * @param tol          minimal loss improvement (1e-4)
     * @param patience     epochs without improvement tolerated (10)
     * @param maxEpochs    epoch limit (10,000)
     * @param zScore       standardise by the reference set (true)
     * @param threads      worker threads for the folds (≥ 1)
     */
    public record Config(int folds, int hiddenPerDim, int batchSize, double learningRate,
                         double alpha, double tol, int patience, int maxEpochs, boolean zScore,
                         int threads) {

        public Config {
            positive("folds - 1", folds - 1);
            positive("hiddenPerDim", hiddenPerDim);
            positive("batchSize", batchSize);
            positive("patience + 1", patience + 1);
            positive("maxEpochs", maxEpochs);
            positive("threads", threads);
            if (!(learningRate > 0) || !(alpha >= 0) || !(tol >= 0)) {
                throw new IllegalArgumentException("need learningRate > 0, alpha >= 0, tol >= 0;"
                        + " got " + learningRate + ", " + alpha + ", " + tol);
            }
        }

        /** sbibm's settings, folds on all available processors (at most 5). */
        public static Config sbibm() {
            return new Config(5, 10, 200, 1e-3, 1e-4, 1e-4, 10, 10000, true,
                    Math.min(5, Runtime.getRuntime().availableProcessors()));
        }

        /** These settings with another number of threads. */
        public Config withThreads(int n) {
            return new Config(folds, hiddenPerDim, batchSize, learningRate, alpha, tol, patience,
                    maxEpochs, zScore, n);
        }

        private static void positive(String what, int v) {
            if (v < 1) {
                throw new IllegalArgumentException("C2ST " + what + " must be >= 1, got " + v);
            }
        }
    }

    private C2st() {
    }

    /** C2ST with sbibm's settings. */
    public static C2stResult run(Matrix reference, Matrix samples, UniformRandomProvider rng) {
        return run(reference, samples, Config.sbibm(), rng);
    }

    /**
     * C2ST accuracy of reference samples X against samples Y (same dimension).
     *
     * @param rng draws the fold permutation and the classifier seed
     */
    public static C2stResult run(Matrix reference, Matrix samples, Config cfg,
                                 UniformRandomProvider rng) {
        int d = reference.cols();
        if (samples.cols() != d) {
            throw new IllegalArgumentException("reference has " + d + " columns, samples have "
                    + samples.cols());
        }
        int n0 = reference.rows();
        int n = n0 + samples.rows();
        if (reference.rows() < 2 || samples.rows() < 1 || n < 2 * cfg.folds()) {
            throw new IllegalArgumentException("too few samples for " + cfg.folds() + " folds: "
                    + reference.shape() + " and " + samples.shape());
        }
        Matrix x = Matrix.of(n, d);
        System.arraycopy(reference.data(), reference.offset(), x.data(), 0, reference.size());
        System.arraycopy(samples.data(), samples.offset(), x.data(), reference.size(),
                samples.size());
        if (cfg.zScore()) {
            standardise(x, reference);
        }
        float[] y = new float[n];
        java.util.Arrays.fill(y, n0, n, 1f);
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
        // one classifier seed shared by all folds, as sklearn's cross_val_score clones an
        // MLPClassifier with random_state=1 into every fold (same init, same shuffling stream)
        long seed = rng.nextLong();
        double[] acc = new double[cfg.folds()];
        int[] epochs = new int[cfg.folds()];
        Parallel.forEach(cfg.folds(), cfg.threads(),
                fold -> fold(x, y, perm, fold, cfg, seed, acc, epochs));
        double mean = 0;
        for (double a : acc) {
            mean += a / acc.length;
        }
        return new C2stResult(mean, acc, epochs, verdict(mean, n));
    }

    /** Trains on all folds but {@code fold} and scores on it. */
    private static void fold(Matrix x, float[] y, int[] perm, int fold, Config cfg, long seed,
                             double[] acc, int[] epochs) {
        int n = x.rows();
        int d = x.cols();
        int lo = start(n, cfg.folds(), fold);
        int hi = start(n, cfg.folds(), fold + 1);
        Matrix train = Matrix.of(n - (hi - lo), d);
        Matrix test = Matrix.of(hi - lo, d);
        float[] yTrain = new float[train.rows()];
        float[] yTest = new float[test.rows()];
        int a = 0;
        for (int p = 0; p < n; p++) {
            int i = perm[p];
            boolean held = p >= lo && p < hi;
            Matrix dst = held ? test : train;
            int r = held ? p - lo : a++;
            System.arraycopy(x.data(), x.rowOffset(i), dst.data(), dst.rowOffset(r), d);
            (held ? yTest : yTrain)[r] = y[i];
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        C2stClassifier clf = new C2stClassifier(d, cfg, rng);
        clf.fit(train, yTrain, rng);
        acc[fold] = clf.accuracy(test, yTest);
        epochs[fold] = clf.epochs();
    }

    /** First position of fold f: sklearn's KFold gives the first n mod k folds one extra row. */
    static int start(int n, int k, int f) {
        int base = n / k;
        int extra = n % k;
        return f * base + Math.min(f, extra);
    }

    private static void standardise(Matrix x, Matrix reference) {
        double[] mu = Stats.mean(reference);
        double[][] cov = Stats.covariance(reference, mu);
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                double sd = Math.sqrt(cov[j][j]);
                x.set(i, j, (float) ((x.get(i, j) - mu[j]) / (sd > 0 ? sd : 1)));
            }
        }
    }

    private static String verdict(double acc, int n) {
        // held-out accuracy of a chance classifier on n points has sd 0.5/√n
        double chance = 0.5 + 3 * 0.5 / Math.sqrt(n);
        String head = "C2ST accuracy " + Stats.fmt(acc) + " over " + n + " points (0.5 = "
                + "indistinguishable, 1 = perfectly separable): ";
        if (acc <= chance) {
            return head + "the two sample sets cannot be told apart (within 3 sd of chance).";
        }
        String how = acc < 0.6 ? "slightly" : acc < 0.75 ? "clearly" : acc < 0.9 ? "strongly"
                : "almost perfectly";
        return head + "the classifier tells them apart " + how + ".";
    }
}
