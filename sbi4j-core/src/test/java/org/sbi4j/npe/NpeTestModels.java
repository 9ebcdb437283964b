package org.sbi4j.npe;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.flows.MafSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/** Small models with known posteriors for the NPE tests. */
final class NpeTestModels {

    private NpeTestModels() {
    }

    /** x = A·θ + N(0, σ²) with the given coefficients (a row per x dimension). */
    static Simulator linear(double[][] a, double sigma) {
        return new Simulator() {
            @Override
            public int thetaDim() {
                return a[0].length;
            }

            @Override
            public int xDim() {
                return a.length;
            }

            @Override
            public void simulate(float[] theta, int off, UniformRandomProvider rng, float[] x,
                                 int xOff) {
                ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
                for (int i = 0; i < a.length; i++) {
                    double s = 0;
                    for (int j = 0; j < a[i].length; j++) {
                        s += a[i][j] * theta[off + j];
                    }
                    x[xOff + i] = (float) (s + sigma * g.sample());
                }
            }
        };
    }

    /** θ ~ N(0, 1) independently, named a, b, …. */
    static Prior standardNormal(String... names) {
        Prior[] parts = new Prior[names.length];
        for (int i = 0; i < names.length; i++) {
            parts[i] = Priors.normal(names[i], 0, 1);
        }
        return Priors.independent(parts);
    }

    /** A small, fast MAF and quick training. */
    static NpeSettings fast() {
        MafSettings maf = MafSettings.defaults();
        return NpeSettings.defaults()
                .withEstimator(new EstimatorSpec(maf,
                        org.sbi4j.posterior.EmbeddingSettings.none(), 1))
                .withTraining(NpeSettings.defaults().training().withLearningRate(2e-3)
                        .withStopAfterEpochs(10).withMaxEpochs(80));
    }

    static List<String> names(Prior p) {
        return p.names();
    }
}
