package org.sbi4j.posterior;

import java.util.Arrays;
import org.apache.commons.rng.sampling.ArraySampler;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.tensor.Matrix;

/** The k-NN score of {@link Misspecification#knn}: search half and ranked half by a shuffle. */
final class NearestNeighbours {

    private NearestNeighbours() {
    }

    static MisspecificationResult knn(Matrix xTrain, float[] xObs, int k, int maxReference,
                                      double level, UniformRandomProvider rng) {
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
        ArraySampler.shuffle(rng, perm);
        int searchSize = n / 2;
        int[] search = Arrays.copyOf(perm, searchSize);
        int refs = Math.min(maxReference, n - searchSize);
        double[] own = new double[refs];
        double[] heap = new double[k];
        for (int r = 0; r < refs; r++) {
            own[r] = kth(xTrain, xTrain.row(perm[searchSize + r]), search, heap);
        }
        double dObs = kth(xTrain, xObs, search, heap);
        return Misspecification.result("k-NN (k = " + k + ")", Math.sqrt(dObs), own, dObs, level);
    }

    /** Squared distance from p to its k-th nearest row among {@code rows} (k = best.length). */
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
}
