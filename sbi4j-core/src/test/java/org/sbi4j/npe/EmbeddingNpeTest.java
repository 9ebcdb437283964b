package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.sbi4j.flows.MdnSettings;
import org.sbi4j.nn.Conv1d;
import org.sbi4j.posterior.Conv1dEmbedding;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * Embedding networks trained jointly with the estimator, end to end through {@link Npe#run},
 * on conjugate Gaussian models: θ ~ N(0, 1), m observations x_t ~ N(θ, 1) give the posterior
 * N(Σx/(m + 1), 1/(m + 1)).
 */
class EmbeddingNpeTest {

    private static final Prior PRIOR = NpeTestModels.standardNormal("theta");

    /** A series of {@code length} values x_t = θ + ε_t; shape {1, length}. */
    private static Simulator series(int length) {
        return new Simulator() {
            @Override
            public int thetaDim() {
                return 1;
            }

            @Override
            public int xDim() {
                return length;
            }

            @Override
            public int[] xShape() {
                return new int[] {1, length};
            }

            @Override
            public void simulate(float[] theta, int off, UniformRandomProvider rng, float[] x,
                                 int xOff) {
                var g = ZigguratSampler.NormalizedGaussian.of(rng);
                for (int t = 0; t < length; t++) {
                    x[xOff + t] = (float) (theta[off] + g.sample());
                }
            }
        };
    }

    /** minTrials..maxTrials (uniform) trials x_t ~ N(θ, 1), NaN-padded; shape {maxTrials, 1}. */
    private static Simulator trials(int minTrials, int maxTrials) {
        return new Simulator() {
            @Override
            public int thetaDim() {
                return 1;
            }

            @Override
            public int xDim() {
                return maxTrials;
            }

            @Override
            public int[] xShape() {
                return new int[] {maxTrials, 1};
            }

            @Override
            public boolean nanPadding() {
                return true;
            }

            @Override
            public void simulate(float[] theta, int off, UniformRandomProvider rng, float[] x,
                                 int xOff) {
                int m = minTrials + rng.nextInt(maxTrials - minTrials + 1);
                var g = ZigguratSampler.NormalizedGaussian.of(rng);
                for (int t = 0; t < maxTrials; t++) {
                    x[xOff + t] = t < m ? (float) (theta[off] + g.sample()) : Float.NaN;
                }
            }
        };
    }

    private static NpeSettings settings(EmbeddingSettings embedding) {
        MdnSettings mdn = MdnSettings.defaults().withComponents(3).withHiddenFeatures(32);
        return NpeSettings.defaults()
                .withEstimator(new EstimatorSpec(mdn, embedding, 1))
                .withTraining(NpeSettings.defaults().training().withLearningRate(2e-3)
                        .withStopAfterEpochs(15).withMaxEpochs(80));
    }

    /** m draws from N(θ, 1) with NaN up to length (θ and the draws from a fixed seed). */
    private static float[] observation(double theta, int m, int length, long seed) {
        var g = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        float[] x = new float[length];
        for (int t = 0; t < length; t++) {
            x[t] = t < m ? (float) (theta + g.sample()) : Float.NaN;
        }
        return x;
    }

    private static double[] meanAndVariance(Posterior p, float[] x) {
        Matrix s = p.at(x).sample(10_000, RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
        return new double[] {Intervals.mean(s)[0], Intervals.covariance(s)[0][0]};
    }

    private static double sum(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Float.isNaN(v) ? 0 : v;
        }
        return s;
    }

    /** Reversing the m trials and putting the padding first leaves log q(θ | x) unchanged. */
    private static void assertPermutationInvariant(Posterior p, float[] x, int m) {
        float[] y = new float[x.length];
        java.util.Arrays.fill(y, Float.NaN);
        for (int t = 0; t < m; t++) {
            y[x.length - 1 - t] = x[t];
        }
        Matrix theta = Matrix.fromRows(new float[][] {{-0.5f}, {0f}, {0.4f}, {1f}});
        double[] a = p.at(x).logProb(theta);
        double[] b = p.at(y).logProb(theta);
        for (int i = 0; i < a.length; i++) {
            // the same numbers summed in another order: float32 rounding only
            assertThat(b[i]).isCloseTo(a[i], within(1e-4));
        }
    }

    @Test
    void convolutionalEmbeddingLearnsTheMeanLevelOfASeries() {
        NpeResult r = Npe.builder(PRIOR, series(50)).simulations(4000).seed(5L)
                .settings(settings(EmbeddingSettings.conv1d(new int[] {8}, 5, new int[] {32}, 8)
                        .withConvolution(1, Conv1d.Padding.SAME, Conv1dEmbedding.Pooling.GLOBAL)))
                .threads(2).run();
        for (double theta : new double[] {-1.0, 0.3, 1.5}) {
            float[] x = observation(theta, 50, 50, 100 + (long) (10 * theta));
            double[] mv = meanAndVariance(r.posterior(), x);
            // exact sd 0.14; 4,000 simulations, a small network and a 3-component MDN land within
            // about 0.05 of the mean and 30 % of the variance (seen: 0.01-0.05, 5-29 %), so
            // 0.07 (half a posterior sd) on the mean and a factor of 1.5 on the variance
            assertThat(mv[0]).isCloseTo(sum(x) / 51, within(0.07));
            assertThat(mv[1]).isBetween(1.0 / 51 / 1.5, 1.5 / 51);
        }
    }

    @Test
    void deepSetsPosteriorShrinksWithTheNumberOfTrials() {
        int maxTrials = 20;
        NpeResult r = Npe.builder(PRIOR, trials(5, maxTrials)).simulations(4000).seed(6L)
                .settings(settings(EmbeddingSettings.deepSets(new int[] {32}, 16, new int[] {32}, 8)))
                .threads(2).run();
        // the simulator declares NaN padding, so padded rows are kept, not counted as failures
        assertThat(r.simulation().invalid()).isZero();
        double previous = Double.POSITIVE_INFINITY;
        for (int m : new int[] {5, 10, 20}) {
            float[] x = observation(0.4, m, maxTrials, 200 + m);
            double[] mv = meanAndVariance(r.posterior(), x);
            double exactVar = 1.0 / (m + 1);
            // 4,000 simulations: seen within 0.04 of the mean and 11 % of the variance; allow half
            // a posterior sd on the mean and a factor of 1.4 on the variance, and require the
            // variance to shrink as trials are added (1/6, 1/11, 1/21)
            assertThat(mv[0]).isCloseTo(sum(x) / (m + 1), within(0.5 * Math.sqrt(exactVar)));
            assertThat(mv[1]).isBetween(exactVar / 1.4, exactVar * 1.4);
            assertThat(mv[1]).isLessThan(previous);
            assertPermutationInvariant(r.posterior(), x, m);
            previous = mv[1];
        }
    }
}
