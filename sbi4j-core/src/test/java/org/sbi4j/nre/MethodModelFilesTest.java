package org.sbi4j.nre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.Dataset;
import org.sbi4j.flows.MafSettings;
import org.sbi4j.kernels.Activation;
import org.sbi4j.mcmc.LogDensity;
import org.sbi4j.nle.Likelihood;
import org.sbi4j.nle.LikelihoodFiles;
import org.sbi4j.nle.NleConfig;
import org.sbi4j.nle.NleTraining;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.ModelFile;
import org.sbi4j.posterior.ModelKind;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingConfig;
import org.sbi4j.train.TrainingListener;

/**
 * Model files of the likelihood (NLE) and ratio (NRE-C, BNRE) kinds, format 5: saved and loaded
 * again they give the same potential bit for bit at 64 points (two iid trials, a one-sided prior
 * so that θ's log map is stored too, skewed positive x so that x's log1p map is); each reader
 * refuses the other kinds naming what the file holds; {@link ModelFile#kind} tells them apart.
 */
class MethodModelFilesTest {

    static final Prior PRIOR = Priors.independent(Priors.logNormal("a", 0, 0.5),
            Priors.uniform("b", -1, 1));
    static final Simulator SIM = Simulator.of(2, 3, (t, rng) -> {
        var g = ZigguratSampler.NormalizedGaussian.of(rng);
        return new float[] {(float) (t[0] * Math.exp(0.3 * g.sample())),
            (float) (t[1] + 0.2 * g.sample()), (float) Math.exp(t[0] + t[1] + g.sample())};
    });
    static final TrainingConfig SHORT = TrainingConfig.SBI.withMaxEpochs(3);
    static final Matrix TRIALS = Matrix.fromRows(new float[][] {{1.1f, 0.2f, 3f},
        {0.9f, 0.1f, 2f}});

    static Dataset pairs;
    static Likelihood likelihood;
    static RatioEstimator nreC;
    static RatioEstimator bnre;

    @BeforeAll
    static void train() {
        SimulationResult s = Simulations.builder(PRIOR, SIM).seed(3).threads(1).run(600);
        pairs = Dataset.of(s.theta(), s.x(), s.index());
        likelihood = NleTraining.train(new NleTraining.Job(pairs, 4, null, PRIOR),
                new NleConfig(EstimatorSpec.of(new MafSettings(2, 16, 2, Activation.TANH,
                        false)), SHORT), TrainingListener.NONE).likelihood();
        nreC = ratio(RatioLoss.Contrastive.of(3, 1.5));
        bnre = ratio(RatioLoss.Balanced.of(50));
    }

    private static RatioEstimator ratio(RatioLoss loss) {
        return NreTraining.train(new NreTraining.Job(pairs, 4, null, PRIOR), NreConfig.of(loss)
                .withTraining(SHORT).withNetwork(16, 1, Activation.RELU), TrainingListener.NONE)
                .estimator();
    }

    private static double[] potential(LogDensity u) {
        Matrix pts = PRIOR.sample(64, org.sbi4j.sim.SimulationStreams.streamFor(9, 0));
        double[] p = new double[pts.rows() * 2];
        for (int i = 0; i < pts.rows(); i++) {
            p[2 * i] = pts.get(i, 0);
            p[2 * i + 1] = pts.get(i, 1);
        }
        double[] out = new double[pts.rows()];
        u.logDensity(p, pts.rows(), out);
        return out;
    }

    @Test
    void aLikelihoodFileGivesTheSamePotentialBitForBit(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("nle.sbi4j");
        LikelihoodFiles.save(likelihood, f);
        assertThat(ModelFile.kind(f)).isEqualTo(ModelKind.LIKELIHOOD);
        assertThat(ModelFile.read(f).version()).isEqualTo(ModelFile.VERSION);
        Likelihood again = LikelihoodFiles.load(f);
        double[] want = potential(likelihood.posterior(PRIOR, TRIALS).potential());
        assertThat(java.util.Arrays.stream(want).allMatch(Double::isFinite)).isTrue();
        assertThat(potential(again.posterior(PRIOR, TRIALS).potential())).containsExactly(want);
        assertThat(again.model().provenance()).isEqualTo(likelihood.model().provenance());
    }

    @Test
    void ratioFilesOfBothLossesGiveTheSamePotentialBitForBit(@TempDir Path dir)
            throws IOException {
        for (RatioEstimator r : new RatioEstimator[] {nreC, bnre}) {
            Path f = dir.resolve(r.config().loss().getClass().getSimpleName() + ".sbi4j");
            RatioFiles.save(r, f, 4);
            assertThat(ModelFile.kind(f)).isEqualTo(ModelKind.RATIO);
            RatioEstimator again = RatioFiles.load(f);
            assertThat(again.config().loss()).isEqualTo(r.config().loss());
            assertThat(again.config().hidden()).isEqualTo(16);
            assertThat(again.config().blocks()).isEqualTo(1);
            double[] want = potential(r.posterior(PRIOR, TRIALS).potential());
            assertThat(java.util.Arrays.stream(want).allMatch(Double::isFinite)).isTrue();
            assertThat(potential(again.posterior(PRIOR, TRIALS).potential()))
                    .containsExactly(want);
        }
    }

    @Test
    void eachReaderRefusesTheOtherKindsNamingWhatTheFileHolds(@TempDir Path dir)
            throws IOException {
        Path nle = dir.resolve("nle.sbi4j");
        Path nre = dir.resolve("nre.sbi4j");
        LikelihoodFiles.save(likelihood, nle);
        RatioFiles.save(nreC, nre, 4);
        assertThatThrownBy(() -> PosteriorFiles.load(nle)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds a likelihood estimator q(x | θ)")
                .hasMessageContaining("org.sbi4j.nle.LikelihoodFiles");
        assertThatThrownBy(() -> PosteriorFiles.load(nre)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds a ratio estimator");
        assertThatThrownBy(() -> LikelihoodFiles.load(nre)).isInstanceOf(IOException.class)
                .hasMessageContaining("org.sbi4j.nre.RatioFiles");
        assertThatThrownBy(() -> RatioFiles.load(nle)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds a likelihood estimator");
    }
}
