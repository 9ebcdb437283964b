package org.sbi4j.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.data.Dataset;
import org.sbi4j.diagnostics.Ppc;
import org.sbi4j.diagnostics.PpcResult;
import org.sbi4j.flows.MafSettings;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * The posterior predictive check of a conjugate model with a nuisance parameter: θ, ν ~ N(0, 1),
 * x = (θ + ν, ν) + N(0, 0.5²·I). With A = [[1, 1], [0, 1]] the joint posterior is
 * N(S Aᵀ x_o / σ², S), S = (I + AᵀA/σ²)⁻¹ = [[9, −4], [−4, 5]]/29, and the posterior predictive
 * N(A S Aᵀ x_o/σ², A S Aᵀ + σ² I) with covariance [[6, 1], [1, 5]]/29 + 0.25 I: variances 0.457
 * and 0.422. Drawing ν from its prior instead gives Var x₂ = 1 + 0.25 = 1.25.
 *
 * <p>Tolerances (4,000 draws, NPE from 4,000 simulations): each predictive variance within 25 %
 * of the analytic value (the sampling error is 2.2 %, the rest is room for the estimator's fit),
 * each mean within 0.15 (sampling sd 0.011); the prior-nuisance predictive's Var x₂ above twice
 * the analytic value (expected 3×).
 */
class PpcNuisanceTest {

    private static final Prior PRIOR = Priors.withNuisance(Priors.independent(
            Priors.normal("theta", 0, 1), Priors.normal("nu", 0, 1)), "nu");
    private static final Simulator SIM = Simulator.of(2, 2, (theta, rng) -> {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        return new float[] {(float) (theta[0] + theta[1] + 0.5 * g.sample()),
                (float) (theta[1] + 0.5 * g.sample())};
    });
    private static final float[] XO = {1.0f, -0.5f};

    private static Posterior interest;
    private static Posterior joint;

    @BeforeAll
    static void train() {
        Dataset data = Dataset.from(Simulations.builder(PRIOR, SIM).seed(5L).threads(1)
                .run(4000));
        NpeSettings s = NpeSettings.defaults()
                .withEstimator(new EstimatorSpec(MafSettings.defaults(),
                        EmbeddingSettings.none(), 1))
                .withTraining(NpeSettings.defaults().training().withLearningRate(2e-3)
                        .withStopAfterEpochs(10).withMaxEpochs(80));
        interest = Npe.builder(PRIOR).data(data).seed(1L).settings(s).run().posterior();
        joint = Diagnoses.jointPosterior(PRIOR, data, s, 1L);
    }

    private static double[] meanVar(Matrix x, int j) {
        double m = 0;
        for (int i = 0; i < x.rows(); i++) {
            m += x.get(i, j);
        }
        m /= x.rows();
        double v = 0;
        for (int i = 0; i < x.rows(); i++) {
            v += (x.get(i, j) - m) * (x.get(i, j) - m);
        }
        return new double[] {m, v / (x.rows() - 1)};
    }

    @Test
    void jointPredictiveMatchesTheAnalyticOne() {
        assertThat(joint.names()).containsExactly("theta", "nu");
        assertThat(interest.names()).containsExactly("theta");
        var model = new Diagnoses.PpcModel(interest, joint, PRIOR, SIM);
        Ppc.Predictive p = Diagnoses.predictive(model, XO, 4000, 7L);
        assertThat(p.nuisances()).isEqualTo("joint posterior");
        assertThat(p.failed()).isZero();
        // mean: A S Aᵀ x_o / σ² = [[6, 1], [1, 5]]/29 · (4, −2) = (22, −6)/29
        double[] x1 = meanVar(p.x(), 0);
        double[] x2 = meanVar(p.x(), 1);
        System.out.printf("joint predictive: mean %.3f %.3f, var %.3f %.3f; prior-nuisance var"
                + " x2 %.3f%n", x1[0], x2[0], x1[1], x2[1], meanVar(Diagnoses.predictive(
                new Diagnoses.PpcModel(interest, null, PRIOR, SIM), XO, 4000, 7L).x(), 1)[1]);
        assertThat(x1[0]).isCloseTo(22.0 / 29, org.assertj.core.data.Offset.offset(0.15));
        assertThat(x2[0]).isCloseTo(-6.0 / 29, org.assertj.core.data.Offset.offset(0.15));
        assertThat(x1[1]).isBetween(0.75 * (6.0 / 29 + 0.25), 1.25 * (6.0 / 29 + 0.25));
        assertThat(x2[1]).isBetween(0.75 * (5.0 / 29 + 0.25), 1.25 * (5.0 / 29 + 0.25));

        Ppc.Predictive fromPrior = Diagnoses.predictive(
                new Diagnoses.PpcModel(interest, null, PRIOR, SIM), XO, 4000, 7L);
        assertThat(fromPrior.nuisances()).isEqualTo("prior");
        assertThat(meanVar(fromPrior.x(), 1)[1]).isGreaterThan(2 * (5.0 / 29 + 0.25));
        PpcResult r = Diagnoses.ppc(new Diagnoses.PpcModel(interest, null, PRIOR, SIM), XO, 500,
                7L, 0.99);
        assertThat(r.verdict()).contains("drawn from their prior").contains("conservative");
    }

    @Test
    void failedPredictiveSimulationsAreCountedAndReported() {
        // fails whenever the first parameter is above 0.5: about a third of the draws here
        Simulator flaky = Simulator.of(2, 2, (theta, rng) -> {
            if (theta[0] > 0.5) {
                throw new IllegalStateException("theta too large: " + theta[0]);
            }
            return new float[] {(float) (theta[0] + theta[1]), (float) theta[1]};
        });
        PpcResult r = Diagnoses.ppc(new Diagnoses.PpcModel(interest, joint, PRIOR, flaky), XO,
                500, 7L, 0.99);
        assertThat(r.failed()).isBetween(50, 450);
        assertThat(r.verdict()).contains(r.failed() + " of 500 predictive simulations failed")
                .contains("theta too large");
    }
}
