package org.sbi4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.sbi4j.data.Dataset;
import org.sbi4j.flows.Mdn;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;

/** Weight decay is a Gaussian prior on the weights: training returns MAP weights. */
class WeightDecayTest {

    static final double LAMBDA = 1e-2;

    /** −log p(D | w) − log N(w; 0, 1/(N·λ)) for the estimator's current weights. */
    static double negLogPosterior(Mdn est, Dataset data) {
        double nll = data.size() * new Validator(est, data).loss();
        NormalDistribution prior = NormalDistribution.of(0, 1 / Math.sqrt(data.size() * LAMBDA));
        double logPrior = 0;
        for (Param p : est.params()) {
            for (float v : p.value().toArray()) {
                logPrior += prior.logDensity(v);
            }
        }
        return nll - logPrior;
    }

    @Test
    void objectiveIsTheNegativeLogPosteriorOfTheWeightsUpToAConstant() {
        Dataset data = TrainerTest.conditionalGaussian(500, 1);
        TrainingConfig cfg = TrainerTest.FAST.withWeightDecay(LAMBDA, false).withMaxEpochs(5);
        Mdn est = TrainerTest.mdn(3);
        double j1 = Objective.value(est, data, cfg);
        double p1 = negLogPosterior(est, data);
        Trainer.of(cfg).train(est, data, TrainerTest.conditionalGaussian(200, 2),
                RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        double j2 = Objective.value(est, data, cfg);
        double p2 = negLogPosterior(est, data);
        // N·(J(w1) − J(w2)) equals the difference of negative log-posteriors (the constant, the
        // prior's normaliser, cancels); float32 log-densities summed over 500 pairs: 1e-3 relative
        assertThat(data.size() * (j1 - j2)).isCloseTo(p1 - p2, within(1e-3 * Math.abs(p1 - p2)));
        assertThat(j2).isLessThan(j1);
    }

    @Test
    void decayShrinksTheWeightsTowardsThePriorMean() {
        Dataset train = TrainerTest.conditionalGaussian(1000, 1);
        Dataset val = TrainerTest.conditionalGaussian(200, 2);
        double[] norms = new double[2];
        for (int k = 0; k < 2; k++) {
            Mdn est = TrainerTest.mdn(3);
            TrainingConfig cfg = TrainerTest.FAST.withMaxEpochs(30).withStopAfterEpochs(100)
                    .withWeightDecay(k == 0 ? 0 : 0.05, false);
            Trainer.of(cfg).train(est, train, val, RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
            double sq = 0;
            for (float v : Params.values(est.params())) {
                sq += v * v;
            }
            norms[k] = Math.sqrt(sq);
        }
        // a strong Gaussian prior (precision N·λ = 50 per weight) must pull the MAP weights well
        // inside the maximum-likelihood ones
        assertThat(norms[1]).isLessThan(0.8 * norms[0]);
    }
}
