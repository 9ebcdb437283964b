package org.sbi4j.nle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.sbi4j.data.OneSidedLog;
import org.sbi4j.data.Standardizer;
import org.sbi4j.data.XPreprocessing;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * The maps of θ and x before a likelihood flow or a ratio classifier sees them, fitted on a
 * training split: under {@link XPreprocessing.Mode#AUTO} log(1 + x) on skewed non-negative x
 * columns ({@link XPreprocessing#choose}) and log(θ − a) for parameters with a one-sided prior
 * support ({@link OneSidedLog}), then z-scoring; under NONE z-scoring only (sbi). Neither map
 * needs a correction of the posterior: x's Jacobian does not depend on θ, and θ only enters as
 * an input.
 *
 * @param theta       the map of θ
 * @param x           the map of x
 * @param description what was chosen, for the provenance ({@code x.preprocessing})
 */
public record InputMaps(Standardizer theta, Standardizer x, String description) {

    /**
     * Fits the maps on the training pairs.
     *
     * @param prior the prior (its supports decide θ's log map); null: θ is z-scored only
     */
    public static InputMaps fit(Matrix theta, Matrix x, Prior prior, XPreprocessing.Mode mode) {
        double[] shift = new double[theta.cols()];
        Arrays.fill(shift, Double.NaN);
        boolean[] log1p = new boolean[x.cols()];
        String said = "x preprocessing: z-scoring only (as chosen)";
        if (mode == XPreprocessing.Mode.AUTO) {
            XPreprocessing.Choice c = XPreprocessing.choose(x,
                    XPreprocessing.groups(new int[] {x.cols()}, false));
            log1p = c.log1p();
            said = c.explanation();
            if (prior != null) {
                List<String> thetaSaid = new ArrayList<>();
                shift = OneSidedLog.shifts(prior, IntStream.range(0, theta.cols()).toArray(),
                        theta, thetaSaid);
                said += thetaSaid.isEmpty() ? "" : "; context " + thetaSaid.get(0);
            }
        }
        Standardizer zTheta = Standardizer.fit(XPreprocessing.logMapped(theta, shift))
                .withLog(shift);
        Standardizer zX = Standardizer.fit(XPreprocessing.apply(x, log1p)).withLog1p(log1p);
        return new InputMaps(zTheta, zX, said);
    }
}
