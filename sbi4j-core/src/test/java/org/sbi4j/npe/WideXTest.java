package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.MisspecificationResult;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingListener;

/**
 * An x of 10,000 values (a 100×100 "image") trains, samples, gives a MAP and reports its
 * misspecification check, though the model stores far fewer training rows than x has values.
 */
class WideXTest {

    @Test
    void xOfTenThousandValuesTrainsSamplesAndReports() {
        int d = 10_000;
        double[][] a = new double[d][1];
        for (int i = 0; i < d; i++) {
            a[i][0] = (i % 7) / 7.0;
        }
        Simulator sim = NpeTestModels.linear(a, 1.0);
        NpeSettings s = NpeTestModels.fast().withTraining(NpeTestModels.fast().training()
                .withMaxEpochs(3));
        NpeResult r = Npe.builder(NpeTestModels.standardNormal("a"), sim).simulations(300).seed(1L)
                .settings(s).threads(2).run();
        assertThat(r.posterior().referenceX().rows()).isLessThan(d);
        float[] xo = new float[d];
        ConditionedPosterior post = r.posterior().at(xo);
        Matrix samples = post.sample(500, RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        assertThat(samples.rows()).isEqualTo(500);
        for (float v : samples.data()) {
            assertThat(v).isFinite();
        }
        assertThat(post.map(RandomSource.XO_RO_SHI_RO_128_PP.create(3L))[0]).isFinite();
        MisspecificationResult m = post.misspecification();
        assertThat(m.method()).isEqualTo("standardised Euclidean");
        assertThat(m.percentile()).isBetween(0.0, 1.0);
    }
}
