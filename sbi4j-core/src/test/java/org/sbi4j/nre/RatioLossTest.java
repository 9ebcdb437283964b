package org.sbi4j.nre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.testing.FiniteDifferences;
import org.sbi4j.train.TrainingConfig;

/**
 * The two ratio losses: their values at known logits, their gradients against central
 * differences (w.r.t. the logits in double precision, tolerance 1e-6 relative; w.r.t. every
 * parameter of a small tanh classifier in float32, tolerance 1e-2 relative to the largest
 * entry, as the repository's other float32 gradient checks) and their refusals.
 */
class RatioLossTest {

    @Test
    void contrastiveLossAtZeroLogitsIsTheUninformedClassifiers() {
        // γ = 1, K = 5: −½(log K − log 2K) − ½(0 − log 2K) = ½ log 2 + ½ log 10
        RatioLoss.Contrastive c = RatioLoss.Contrastive.defaults();
        float[] logits = new float[3 * c.atomsPerRow()];
        double v = c.lossAndGradient(logits, 3, null, new double[3]);
        assertThat(v).isCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(10), within(1e-12));
        // BNRE at zero logits: BCE log 2 and balance σ(0) + σ(0) − 1 = 0
        double b = RatioLoss.Balanced.defaults().lossAndGradient(new float[6], 3, null,
                new double[3]);
        assertThat(b).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void lossGradientsWithRespectToTheLogitsMatchCentralDifferences() {
        UniformRandomProvider rng = SimulationStreams.streamFor(3, 0);
        for (RatioLoss loss : List.of(RatioLoss.Contrastive.of(3, 0.7),
                RatioLoss.Contrastive.defaults(), RatioLoss.Balanced.of(100),
                RatioLoss.Balanced.of(0))) {
            int n = 4;
            float[] logits = new float[n * loss.atomsPerRow()];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (2 * rng.nextDouble() - 1);
            }
            float[] grad = new float[logits.length];
            double[] rows = new double[n];
            double value = loss.lossAndGradient(logits, n, grad, rows);
            assertThat(java.util.Arrays.stream(rows).sum() / n).isCloseTo(value, within(1e-12));
            double[] numeric = new double[logits.length];
            for (int i = 0; i < logits.length; i++) {
                float v = logits[i];
                float h = 1e-2f;
                logits[i] = v + h;
                double p = loss.lossAndGradient(logits, n, null, rows);
                logits[i] = v - h;
                double m = loss.lossAndGradient(logits, n, null, rows);
                logits[i] = v;
                numeric[i] = (p - m) / ((double) (v + h) - (double) (v - h));
            }
            assertThat(FiniteDifferences.relativeError(FiniteDifferences.toDouble(grad, 0,
                    grad.length), numeric, 1e-3)).as("%s", loss).isLessThan(1e-3);
        }
    }

    @Test
    void bothLossesGradientsWithRespectToTheClassifiersParametersMatchCentralDifferences() {
        for (RatioLoss loss : List.of(RatioLoss.Contrastive.defaults(),
                RatioLoss.Balanced.defaults())) {
            NreConfig config = NreConfig.of(loss).withNetwork(8, 1, Activation.TANH);
            RatioObjective o = new RatioObjective(config.buildNetwork(2, 3,
                    SimulationStreams.streamFor(11, 0)), 2, loss);
            UniformRandomProvider rng = SimulationStreams.streamFor(12, 0);
            int n = 9;
            Matrix theta = random(n, 2, rng);
            Matrix x = random(n, 3, rng);
            var ws = o.workspace(n);
            List<Param> params = o.params();
            Params.zeroGrad(params);
            o.seedLossNoise(5, ws);
            o.lossAndGradient(theta, x, null, ws);
            List<double[]> analytics = params.stream().map(p -> FiniteDifferences.toDouble(
                    p.grad().data(), 0, p.grad().size())).toList();
            for (int q = 0; q < params.size(); q++) {
                Param p = params.get(q);
                double[] numeric = FiniteDifferences.gradient(() -> {
                    o.seedLossNoise(5, ws); // the same contrastive draws at every probe
                    return o.weightedLossAndGradient(theta, x, null, null, ws);
                }, p.value());
                double[] analytic = analytics.get(q); // the probes add to p.grad()
                assertThat(FiniteDifferences.relativeError(analytic, numeric, 1e-2))
                        .as("%s, %s", p.name(), loss).isLessThan(1e-2);
            }
        }
    }

    @Test
    void contrastiveAtomsAreOtherRowsDistinctWithinTheirSetAndRepeatWhenReseeded() {
        RatioLoss.Contrastive c = RatioLoss.Contrastive.defaults();
        RatioObjective o = new RatioObjective(NreConfig.of(c).buildNetwork(1, 1,
                SimulationStreams.streamFor(1, 0)), 1, c);
        int n = 7;
        var ws = o.workspace(n);
        o.seedLossNoise(9, ws);
        int[] ch = o.drawForTest(n, ws);
        for (int i = 0; i < n; i++) {
            assertThat(ch[i * 10]).as("row %d's joint atom", i).isEqualTo(i);
            java.util.Set<Integer> joint = new java.util.HashSet<>();
            java.util.Set<Integer> marginal = new java.util.HashSet<>();
            for (int k = 1; k < 10; k++) {
                int j = ch[i * 10 + k];
                assertThat(j).as("row %d atom %d", i, k).isNotEqualTo(i).isBetween(0, n - 1);
                assertThat((k < 5 ? joint : marginal).add(j)).as("row %d atom %d distinct", i, k)
                        .isTrue();
            }
        }
        assertThat(o.drawForTest(n, ws)).as("fresh draws after the first").isNotEqualTo(ch);
        o.seedLossNoise(9, ws);
        assertThat(o.drawForTest(n, ws)).as("re-seeded: the same draws").containsExactly(ch);
        // a batch of 3 rows has only 2 others: drawn with replacement, never the row itself
        int[] small = o.drawForTest(3, ws);
        for (int i = 0; i < 3; i++) {
            for (int k = 1; k < 10; k++) {
                assertThat(small[i * 10 + k]).isNotEqualTo(i);
            }
        }
        // BNRE: one marginal atom per row, another row
        RatioObjective b = new RatioObjective(NreConfig.of(RatioLoss.Balanced.defaults())
                .buildNetwork(1, 1, SimulationStreams.streamFor(1, 0)), 1,
                RatioLoss.Balanced.defaults());
        int[] pairs = b.drawForTest(n, b.workspace(n));
        for (int i = 0; i < n; i++) {
            assertThat(pairs[2 * i]).isEqualTo(i);
            assertThat(pairs[2 * i + 1]).isNotEqualTo(i);
        }
    }

    @Test
    void badSettingsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> RatioLoss.Contrastive.of(1, 1.0))
                .hasMessageContaining("K >= 2, got 1");
        assertThatThrownBy(() -> RatioLoss.Contrastive.of(5, 0))
                .hasMessageContaining("gamma > 0 and finite, got 0.0");
        assertThatThrownBy(() -> RatioLoss.Balanced.of(-1))
                .hasMessageContaining("lambda >= 0 and finite, got -1.0");
        assertThatThrownBy(() -> new NreConfig(RatioLoss.Balanced.defaults(), 0, 2,
                Activation.RELU, TrainingConfig.SBI)).hasMessageContaining("got 0 and 2");
    }

    static Matrix random(int n, int d, UniformRandomProvider rng) {
        Matrix m = Matrix.of(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, (float) (2 * rng.nextDouble() - 1));
            }
        }
        return m;
    }
}
