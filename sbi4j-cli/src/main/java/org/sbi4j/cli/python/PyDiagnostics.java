package org.sbi4j.cli.python;

import org.sbi4j.diagnostics.C2st;
import org.sbi4j.diagnostics.C2stResult;
import org.sbi4j.diagnostics.SbcRanks;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.Diagnoses;
import org.sbi4j.workflow.SeedStream;

/**
 * {@code sbi4j.run_sbc}, {@code coverage} and {@code c2st}: the workflow's diagnoses on arrays
 * from Python (streams {@link SeedStream#SBC} and {@link SeedStream#C2ST} of the seed, as
 * {@code sbi4j diagnose} uses them).
 */
public final class PyDiagnostics {

    private PyDiagnostics() {
    }

    /** Test pairs: n rows of θ (the posterior's parameters) and x. */
    public static Diagnoses.TestPairs pairs(Posterior p, float[] theta, float[] x, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("SBC needs at least 2 test pairs, got " + n);
        }
        return new Diagnoses.TestPairs(PyArrays.matrix(theta, n, p.thetaDim(), "theta"),
                PyArrays.matrix(x, n, p.xDim(), "x"), 0);
    }

    /** Ranks per pair and parameter (n × dθ, row-major). */
    public static int[] ranks(SbcResult r) {
        SbcRanks s = r.ranks();
        int[] out = new int[s.pairs() * s.dim()];
        for (int j = 0; j < s.dim(); j++) {
            int[] col = s.ranksOf(j);
            for (int i = 0; i < col.length; i++) {
                out[i * s.dim() + j] = col[i];
            }
        }
        return out;
    }

    /**
     * C2ST accuracy (sbibm's classifier and folds) of samples against reference samples (as
     * {@link PyArrays#matrix} makes them).
     */
    public static C2stResult c2st(Matrix reference, Matrix samples, long seed) {
        if (reference.rows() < 5 || samples.rows() < 5) {
            throw new IllegalArgumentException("C2ST needs at least 5 samples on each side, got "
                    + reference.rows() + " and " + samples.rows());
        }
        return C2st.run(reference, samples, SeedStream.C2ST.streamFor(seed));
    }
}
