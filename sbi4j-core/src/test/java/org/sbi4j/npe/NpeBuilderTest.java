package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.data.Dataset;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.kernels.Parallelism;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.Ensemble;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.ParameterSpace;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorBuilder;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.posterior.Provenance;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.DataParallel;
import org.sbi4j.train.Trainer;
import org.sbi4j.train.TrainingListener;

class NpeBuilderTest {

    private static final Prior PRIOR = NpeTest.PRIOR;
    private static final Simulator SIM = NpeTest.SIM;
    /** Quick: an ensemble of two small MAFs, a few epochs. */
    private static final NpeSettings QUICK = NpeTestModels.fast()
            .withEstimator(NpeTestModels.fast().estimator().withEnsemble(2))
            .withTraining(NpeTestModels.fast().training().withMaxEpochs(4));

    private static byte[] bytes(Posterior p, Path file) throws Exception {
        PosteriorFiles.save(p, file);
        return Files.readAllBytes(file);
    }

    private static double[] logProbs(Posterior p) {
        return p.at(new float[] {0.7f}).logProb(Matrix.fromRows(
                new float[][] {{-1.5f}, {0f}, {0.56f}, {2f}}));
    }

    /**
     * The chain of design.md assembled by hand from the public stages (simulate, split with the
     * split stream, standardise on the training split, build with the build stream, train each
     * member on data-parallel shards with its own stream, assemble): the builder must give
     * exactly its bits.
     */
    private static Posterior byHand(int n, long seed, NpeSettings s) {
        Dataset data = Dataset.from(Simulations.builder(PRIOR, SIM).seed(seed).threads(1).run(n));
        Dataset.Split split = data.split(s.training().validationFraction(),
                SimulationStreams.streamFor(seed, Npe.SPLIT_STREAM));
        Standardizer zt = Standardizer.fit(split.train().theta());
        Standardizer zx = Standardizer.fit(split.train().x());
        Dataset train = Dataset.of(zt.transform(split.train().theta(), Matrix.of(
                split.train().size(), 1)), zx.transform(split.train().x(), Matrix.of(
                split.train().size(), 1)), split.train().index(), data.xShape());
        Dataset val = Dataset.of(zt.transform(split.validation().theta(), Matrix.of(
                split.validation().size(), 1)), zx.transform(split.validation().x(), Matrix.of(
                split.validation().size(), 1)), split.validation().index(), data.xShape());
        EstimatorSpec spec = s.estimator();
        ConditionalDensityEstimator est = spec.build(1, data.xShape(),
                EstimatorSpec.buildRng(seed));
        List<ConditionalDensityEstimator> members = ((Ensemble) est).members();
        for (int k = 0; k < members.size(); k++) {
            Trainer.of(s.training()).train(DataParallel.of(members.get(k),
                    () -> spec.buildOne(1, data.xShape(), EstimatorSpec.buildRng(seed))),
                    train, val, SimulationStreams.streamFor(seed, Npe.TRAIN_STREAM + k));
        }
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("prior", PRIOR.toString());
        settings.put("simulations.valid", Integer.toString(data.size()));
        var t = s.training().resolve(train.size()); // the automatic values as used
        settings.put("training.batch_size", Integer.toString(t.batchSize()));
        settings.put("training.learning_rate", Double.toString(t.learningRate()));
        settings.put("training.validation_fraction", Double.toString(t.validationFraction()));
        settings.put("training.stop_after_epochs", Integer.toString(t.stopAfterEpochs()));
        settings.put("training.max_epochs", Integer.toString(t.maxEpochs()));
        settings.put("training.clip_norm", Double.toString(t.clipNorm()));
        settings.put("training.weight_decay", Double.toString(t.weightDecay()));
        settings.put("training.decoupled", Boolean.toString(t.decoupled()));
        return PosteriorBuilder.of(est, spec, data.xShape()).standardizers(zt, zx)
                .parameters(ParameterSpace.ofInterest(PRIOR))
                .provenance(Provenance.of(seed, settings))
                .referenceX(train.x().rowView(0, Math.min(s.referenceRows(), train.size())))
                .build();
    }

    @Test
    void theBuilderGivesTheBitsOfTheChainAssembledFromItsStages(@TempDir Path dir)
            throws Exception {
        Posterior reference = byHand(1500, 21L, QUICK);
        NpeResult r = Npe.builder(PRIOR, SIM).simulations(1500).seed(21L).settings(QUICK)
                .threads(2).run();
        assertThat(logProbs(r.posterior())).containsExactly(logProbs(reference));
        assertThat(bytes(r.posterior(), dir.resolve("builder.sbi4j")))
                .isEqualTo(bytes(reference, dir.resolve("reference.sbi4j")));
        assertThat(r.reports()).hasSize(2);
        assertThat(r.simulation().size()).isEqualTo(1500);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits(@TempDir Path dir) throws Exception {
        NpeResult viaRun = Npe.builder(PRIOR, SIM).simulations(1200).seed(22L).settings(QUICK)
                .threads(1).run();
        NpeResult built = Npe.builder(PRIOR, SIM).simulations(1200).seed(22L).settings(QUICK)
                .threads(2).run();
        assertThat(bytes(built.posterior(), dir.resolve("a.sbi4j")))
                .isEqualTo(bytes(viaRun.posterior(), dir.resolve("b.sbi4j")));
        Dataset data = Dataset.from(built.simulation());
        NpeResult viaTrain = Npe.builder(PRIOR).data(data).seed(23L).settings(QUICK).run();
        NpeResult fromData = Npe.builder(PRIOR).data(data).seed(23L).settings(QUICK).threads(1)
                .run();
        assertThat(logProbs(fromData.posterior())).containsExactly(logProbs(viaTrain.posterior()));
        assertThat(bytes(fromData.posterior(), dir.resolve("c.sbi4j")))
                .isEqualTo(bytes(viaTrain.posterior(), dir.resolve("d.sbi4j")));
        assertThat(fromData.simulation()).isNull();
    }

    @Test
    void threadsIsTheOneSettingAndDoesNotChangeTheBits(@TempDir Path dir) throws Exception {
        List<Integer> caps = new ArrayList<>();
        Set<String> simThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Simulator watched = Simulator.of(1, 1, (theta, rng) -> {
            simThreads.add(Thread.currentThread().getName());
            float[] x = new float[1];
            SIM.simulate(theta, 0, rng, x, 0);
            return x;
        });
        NpeBuilder base = Npe.builder(PRIOR, watched).simulations(1000).seed(24L).settings(QUICK)
                .onEpoch(e -> caps.add(Parallelism.cap()));
        NpeResult one = base.threads(1).run();
        assertThat(caps).isNotEmpty().containsOnly(1);
        assertThat(simThreads).hasSize(1);
        caps.clear();
        NpeResult two = base.threads(2).run();
        assertThat(caps).isNotEmpty().containsOnly(2);
        assertThat(bytes(two.posterior(), dir.resolve("two.sbi4j")))
                .isEqualTo(bytes(one.posterior(), dir.resolve("one.sbi4j")));
        assertThat(Parallelism.cap()).isEqualTo(Integer.MAX_VALUE); // nothing left set
    }

    @Test
    void incompleteOrInconsistentRunsAreRefusedBeforeAnyWork() {
        AtomicInteger calls = new AtomicInteger();
        Simulator counting = Simulator.of(1, 1, (theta, rng) -> {
            calls.incrementAndGet();
            return new float[] {theta[0]};
        });
        NpeBuilder sim = Npe.builder(PRIOR, counting).settings(QUICK);
        Dataset pairs = Dataset.of(Matrix.of(5, 1), Matrix.of(5, 1));
        assertThatThrownBy(sim::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("simulations(n)");
        assertThatThrownBy(() -> sim.simulations(10).data(pairs).run())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> Npe.builder(PRIOR).run()).hasMessageContaining("data(dataset)");
        assertThatThrownBy(() -> Npe.builder(PRIOR).simulations(10).data(pairs).run())
                .hasMessageContaining("simulations(10) needs a simulator");
        Prior nuisance = Priors.withNuisance(NpeTestModels.standardNormal("a", "b"), "b");
        assertThatThrownBy(() -> Npe.builder(nuisance, Simulator.of(2, 1, (t, r) -> {
            calls.incrementAndGet();
            return new float[] {t[0]};
        })).simulations(10).settings(QUICK.withBalance(10)).run())
                .hasMessageContaining("nuisance parameters (1 here)");
        Simulator cube = new Simulator() {
            @Override
            public int thetaDim() {
                return 1;
            }

            @Override
            public int xDim() {
                return 8;
            }

            @Override
            public int[] xShape() {
                return new int[] {2, 2, 2};
            }

            @Override
            public void simulate(float[] theta, int off, UniformRandomProvider rng, float[] x,
                                 int xOff) {
                calls.incrementAndGet();
            }
        };
        NpeSettings conv = QUICK.withEstimator(QUICK.estimator().withEmbedding(
                EmbeddingSettings.conv1d(new int[] {4}, 3, new int[] {8}, 4)));
        assertThatThrownBy(() -> Npe.builder(PRIOR, cube).simulations(10).settings(conv).run())
                .hasMessageContaining("[2, 2, 2]");
        assertThat(calls.get()).as("simulations run before the refusals").isZero();
    }

    @Test
    void everySettingIsCheckedWhenGivenWithItsValue() {
        NpeBuilder b = Npe.builder(PRIOR, SIM);
        assertThatThrownBy(() -> b.simulations(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 3").hasMessageContaining("got 2");
        assertThatThrownBy(() -> b.threads(0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> b.settings(null)).hasMessageContaining("settings");
        assertThatThrownBy(() -> b.progress(null)).hasMessageContaining("progress");
        assertThatThrownBy(() -> b.onEpoch(null)).hasMessageContaining("training listener");
        assertThatThrownBy(() -> Npe.builder(PRIOR, null)).hasMessageContaining("simulator");
        assertThatThrownBy(() -> Npe.builder(null)).hasMessageContaining("prior");
        assertThatThrownBy(() -> Npe.builder(NpeTestModels.standardNormal("a", "b"), SIM))
                .hasMessageContaining("2 parameters").hasMessageContaining("expects 1");
        assertThatThrownBy(() -> Npe.builder(PRIOR).data(Dataset.of(Matrix.of(5, 2),
                Matrix.of(5, 1)))).hasMessageContaining("θ of dimension 2, the prior 1");
        assertThatThrownBy(() -> Npe.builder(PRIOR).data(Dataset.of(Matrix.of(2, 1),
                Matrix.of(2, 1)))).hasMessageContaining("got 2");
    }

    @Test
    void tooFewValidSimulationsAreReportedWithTheirFailures() {
        Simulator failing = Simulator.of(1, 1, (theta, rng) -> {
            throw new IllegalStateException("solver diverged");
        });
        assertThatThrownBy(() -> Npe.builder(PRIOR, failing).simulations(10).settings(QUICK).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kept 0 of 10").hasMessageContaining("solver diverged");
    }
}
