package org.sbi4j.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.flows.Flows;
import org.sbi4j.tensor.Matrix;

/** Shared set-up of the flow benchmarks: the estimators at sbi's default settings. */
final class FlowBenchmarks {

    private FlowBenchmarks() {
    }

    /** "nsf", "maf" or "mdn" with sbi's defaults on θ of size d and x of size d. */
    static ConditionalDensityEstimator estimator(String model, int d, UniformRandomProvider rng) {
        return switch (model) {
            case "nsf" -> Flows.nsf(d, d, rng);
            case "maf" -> Flows.maf(d, d, rng);
            case "mdn" -> Flows.mdn(d, d, rng);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }

    /** U(−1, 1) entries (standardised-scale data). */
    static Matrix random(int rows, int cols, UniformRandomProvider rng) {
        Matrix m = Matrix.of(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return m;
    }
}
