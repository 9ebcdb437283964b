package org.sbi4j.diagnostics;

/**
 * Result of a classifier two-sample test. Immutable (arrays are copied in and out).
 *
 * @param accuracy       mean held-out accuracy over the folds: 0.5 = the two sample sets cannot
 *                       be told apart, 1.0 = perfectly separable
 * @param foldAccuracies held-out accuracy of each fold
 * @param foldEpochs     training epochs each fold's classifier ran
 * @param verdict        the finding in plain words
 */
public record C2stResult(double accuracy, double[] foldAccuracies, int[] foldEpochs,
                         String verdict) {

    public C2stResult {
        foldAccuracies = foldAccuracies.clone();
        foldEpochs = foldEpochs.clone();
    }

    @Override
    public double[] foldAccuracies() {
        return foldAccuracies.clone();
    }

    @Override
    public int[] foldEpochs() {
        return foldEpochs.clone();
    }
}
