package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Params;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.optim.GradientClipping;
import org.sbi4j.tensor.Matrix;

/**
 * Fitting tests with fixed seeds: small estimators trained by Adam on samples of known densities.
 * Sizes and step counts are chosen so each test runs in a few seconds on a shared machine.
 */
class FitTest {

    /** Minibatch Adam on (θ, x) with learning rate lr and clipping at norm 5 (sbi's). */
    static void train(ConditionalDensityEstimator e, Matrix theta, Matrix x, int steps,
                      int batch, double lr, UniformRandomProvider rng) {
        ConditionalDensityEstimator.Workspace ws = e.workspace(batch);
        Adam adam = Adam.of(e.params(), AdamConfig.defaults().withLearningRate(lr));
        Matrix tb = Matrix.of(batch, theta.cols());
        Matrix xb = Matrix.of(batch, Math.max(1, x.cols()));
        Matrix xbv = x.cols() == 0 ? null : xb;
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < batch; i++) {
                int r = rng.nextInt(theta.rows());
                System.arraycopy(theta.data(), r * theta.cols(), tb.data(), i * theta.cols(),
                        theta.cols());
                System.arraycopy(x.data(), r * x.cols(), xb.data(), i * x.cols(), x.cols());
            }
            Params.zeroGrad(e.params());
            e.lossAndGradient(tb, xbv, null, ws);
            GradientClipping.clipGlobalNorm(e.params(), 5.0);
            adam.step();
        }
    }

    /** Banana: θ₁ ~ N(0, 1), θ₂ | θ₁ ~ N(0.5·(θ₁² − 1), 0.5²). */
    private static Matrix banana(int n, UniformRandomProvider rng, double[] logp) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix m = Matrix.of(n, 2);
        for (int i = 0; i < n; i++) {
            double a = g.sample();
            double e = g.sample();
            double b = 0.5 * (a * a - 1) + 0.5 * e;
            m.set(i, 0, (float) a);
            m.set(i, 1, (float) b);
            if (logp != null) {
                logp[i] = -0.5 * a * a - 0.5 * e * e - 2 * StandardNormal.LOG_SQRT_2PI
                        - Math.log(0.5);
            }
        }
        return m;
    }

    private static double meanLogProb(ConditionalDensityEstimator e, Matrix theta, Matrix x) {
        float[] lp = new float[theta.rows()];
        e.logProb(theta, x, lp, e.workspace(theta.rows()));
        double s = 0;
        for (float v : lp) {
            s += v;
        }
        return s / lp.length;
    }

    @Test
    void unconditionalNsfLearnsABanana() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(101);
        Matrix train = banana(4000, rng, null);
        double[] trueLogp = new double[2000];
        Matrix test = banana(2000, rng, trueLogp);
        ConditionalFlow flow = Flows.nsf(2, 0, NsfSettings.defaults().withTransforms(3)
                .withBins(8).withHiddenFeatures(16).withBlocks(1), rng);
        train(flow, train, Matrix.of(4000, 0), 1500, 128, 3e-3, rng);
        double truth = 0;
        for (double v : trueLogp) {
            truth += v;
        }
        truth /= trueLogp.length;
        double fitted = meanLogProb(flow, test, null);
        // the true mean log-density is about −2.14 (entropy of N(0,1) plus that of N(0, 0.25));
        // the best Gaussian, N(0, diag(1, 0.75)), reaches only −2.69, so a margin of 0.1 nat
        // shows the curved shape was learned; the upper limit catches a density that is not
        // normalised (held-out log-likelihood cannot beat the truth by much on 2000 points)
        assertThat(fitted).isGreaterThan(truth - 0.1).isLessThan(truth + 0.05);
    }

    /**
     * x ~ U(−1.5, 1.5); θ₁ | x ~ N(x, 0.5²); θ₂ | θ₁, x ~ N(−0.5x + 0.5(θ₁ − x), s(x)²) with
     * s(x) = 0.3·exp(0.4x). So E[θ | x] = (x, −0.5x), Var θ₁ = 0.25, Var θ₂ = 0.0625 + s(x)².
     */
    private static Matrix[] conditionalGaussian(int n, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        Matrix theta = Matrix.of(n, 2);
        Matrix x = Matrix.of(n, 1);
        for (int i = 0; i < n; i++) {
            double xi = -1.5 + 3 * rng.nextDouble();
            double t1 = xi + 0.5 * g.sample();
            double t2 = -0.5 * xi + 0.5 * (t1 - xi) + 0.3 * Math.exp(0.4 * xi) * g.sample();
            x.set(i, 0, (float) xi);
            theta.set(i, 0, (float) t1);
            theta.set(i, 1, (float) t2);
        }
        return new Matrix[] {theta, x};
    }

    private static void checkConditionalMoments(ConditionalDensityEstimator e,
                                                UniformRandomProvider rng) {
        float[] xs = {-1f, 0f, 1f};
        int per = 4000;
        Matrix s = e.sample(per, Matrix.wrap(xs.clone(), 3, 1), rng, e.workspace(1000));
        for (int c = 0; c < 3; c++) {
            double x = xs[c];
            double[] mean = new double[2];
            double[] sq = new double[2];
            for (int i = 0; i < per; i++) {
                for (int j = 0; j < 2; j++) {
                    double v = s.get(c * per + i, j);
                    mean[j] += v / per;
                    sq[j] += v * v / per;
                }
            }
            double var1 = sq[0] - mean[0] * mean[0];
            double var2 = sq[1] - mean[1] * mean[1];
            double s2 = 0.3 * Math.exp(0.4 * x);
            // Monte Carlo error of 4000 draws is ~0.01 for the means and ~2% for variances;
            // the tolerances (0.1 absolute, 25% relative) leave room for the fitting error of
            // a small network trained for a few seconds
            assertThat(mean[0]).as("E[θ1 | x=%s]", x).isCloseTo(x, within(0.1));
            assertThat(mean[1]).as("E[θ2 | x=%s]", x).isCloseTo(-0.5 * x, within(0.1));
            assertThat(var1).as("Var[θ1 | x=%s]", x).isCloseTo(0.25, within(0.25 * 0.25));
            double v2 = 0.0625 + s2 * s2;
            assertThat(var2).as("Var[θ2 | x=%s]", x).isCloseTo(v2, within(0.25 * v2));
        }
    }

    @Test
    void mafRecoversConditionalMeanAndVariance() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(202);
        Matrix[] d = conditionalGaussian(5000, rng);
        ConditionalFlow maf = Flows.maf(2, 1, MafSettings.defaults().withTransforms(3)
                .withHiddenFeatures(16).withHiddenLayers(2), rng);
        train(maf, d[0], d[1], 1500, 128, 3e-3, rng);
        checkConditionalMoments(maf, rng);
    }

    @Test
    void nsfRecoversConditionalMeanAndVariance() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(303);
        Matrix[] d = conditionalGaussian(5000, rng);
        ConditionalFlow nsf = Flows.nsf(2, 1, NsfSettings.defaults().withTransforms(2)
                .withBins(6).withHiddenFeatures(16).withBlocks(1), rng);
        train(nsf, d[0], d[1], 1500, 128, 3e-3, rng);
        checkConditionalMoments(nsf, rng);
    }

    @Test
    void mdnRecoversConditionalMeanAndVariance() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(404);
        Matrix[] d = conditionalGaussian(5000, rng);
        Mdn mdn = Flows.mdn(2, 1, MdnSettings.defaults().withComponents(2).withHiddenFeatures(16)
                .withActivation(Activation.TANH), rng);
        train(mdn, d[0], d[1], 1500, 128, 3e-3, rng);
        checkConditionalMoments(mdn, rng);
    }
}
