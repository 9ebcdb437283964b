package org.sbi4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.BatchSource;
import org.sbi4j.data.Dataset;
import org.sbi4j.data.Standardizer;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.kernels.Parallelism;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.ParameterSpace;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorBuilder;
import org.sbi4j.posterior.Provenance;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulations;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.DataParallel;
import org.sbi4j.train.Trainer;
import org.sbi4j.train.TrainingConfig;
import org.sbi4j.train.TrainingReport;
import org.sbi4j.workflow.SeedStream;

/**
 * The small-budget study of issue 26: one NPE pipeline (split, z-scoring, data-parallel training,
 * posterior) as {@code NpeTraining} runs it, with the knobs that differ between sbi4j and sbi
 * exposed one at a time, so that each can be measured alone. Prints one line per (task, seed,
 * variant): epochs, best validation loss in θ units (sbi's figure), the negative log-likelihood
 * of 10,000 fresh joint pairs in θ units (a low-noise measure of E_x KL(p‖q) up to a constant)
 * and optionally C2ST as {@code bench sbibm} computes it.
 *
 * <p>Variant syntax: knobs joined by '+': {@code base} (sbi's settings, {@code TrainingConfig.SBI}),
 * {@code auto} (the automatic batch size and learning rate of the defaults), {@code droplast} (training batches of
 * exactly b rows, the remainder of each shuffled epoch dropped, as sbi's loader), {@code zall}
 * (standardisers from all pairs), {@code vf=F}, {@code pat=P}, {@code lr=R}, {@code bs=B}.
 * Usage: {@code java -cp sbi4j.jar org.sbi4j.examples.bench.SmallBudgetStudy TASKS N SEEDS
 * VARIANTS [OBS]} (comma lists; OBS e.g. 1,2,3, or 0 for none).
 */
public final class SmallBudgetStudy {

    /** Npe's split and training streams (package-private there), so "base" repeats Npe. */
    private static final long SPLIT_STREAM = 0x5B14_5A11_7000L;
    private static final long TRAIN_STREAM = 0x5B14_7A14_0000L;
    private static final int TEST_PAIRS = 10_000;
    private static final long TEST_SEED_OFFSET = 1_000_003L;

    private SmallBudgetStudy() {
    }

    /** The knobs of one variant. */
    record Variant(String name, TrainingConfig config, boolean dropLast, boolean zAll) {

        static Variant parse(String spec, int n) {
            TrainingConfig c = TrainingConfig.SBI;
            boolean drop = false;
            boolean all = false;
            for (String k : spec.split("\\+")) {
                String[] kv = k.split("=", 2);
                switch (kv[0]) {
                    case "base" -> { }
                    case "auto" -> c = c.withBatchSize(TrainingConfig.AUTO)
                            .withLearningRate(TrainingConfig.AUTO);
                    case "droplast" -> drop = true;
                    case "zall" -> all = true;
                    case "vf" -> c = c.withValidationFraction(Double.parseDouble(kv[1]));
                    case "pat" -> c = c.withStopAfterEpochs(Integer.parseInt(kv[1]));
                    case "lr" -> c = c.withLearningRate(Double.parseDouble(kv[1]));
                    case "bs" -> c = c.withBatchSize(Integer.parseInt(kv[1]));
                    default -> throw new IllegalArgumentException("unknown knob " + k);
                }
            }
            return new Variant(spec, c, drop, all);
        }
    }

    /** A batch source that ends each epoch after ⌊n/b⌋ full batches (drop_last). */
    static BatchSource dropLast(BatchSource in) {
        int full = Math.toIntExact(in.size() / in.batchSize());
        return new BatchSource() {
            private int served;

            @Override
            public int batchSize() {
                return in.batchSize();
            }

            @Override
            public long size() {
                return (long) full * in.batchSize();
            }

            @Override
            public int thetaDim() {
                return in.thetaDim();
            }

            @Override
            public int xDim() {
                return in.xDim();
            }

            @Override
            public void reset(UniformRandomProvider rng) {
                in.reset(rng);
                served = 0;
            }

            @Override
            public void resetInOrder() {
                in.resetInOrder();
                served = 0;
            }

            @Override
            public boolean next(Matrix theta, Matrix x, long[] indexOut) {
                if (served >= full) {
                    return false;
                }
                served++;
                return in.next(theta, x, indexOut);
            }
        };
    }

    /** One result line. */
    static String run(Task task, int n, long seed, Variant v, int[] obs, int threads) {
        Dataset data = Dataset.from(Simulations.builder(task.prior(), task.simulator()).seed(seed)
                .threads(threads).run(n));
        Dataset test = Dataset.from(Simulations.builder(task.prior(), task.simulator())
                .seed(seed + TEST_SEED_OFFSET).threads(threads).run(TEST_PAIRS));
        EstimatorSpec spec = EstimatorSpec.defaults("nsf");
        int[] xShape = data.xShape();
        int dTheta = data.thetaDim();
        return Parallelism.call(threads, () -> {
            long t0 = System.nanoTime();
            Dataset.Split split = data.split(v.config.validationFraction(),
                    SimulationStreams.streamFor(seed, SPLIT_STREAM));
            Dataset fitOn = v.zAll ? data : split.train();
            Standardizer zt = Standardizer.fit(fitOn.theta());
            Standardizer zx = spec.embedding().fitStandardizer(fitOn.x(), xShape);
            Dataset train = standardize(split.train(), zt, zx);
            Dataset val = standardize(split.validation(), zt, zx);
            ConditionalDensityEstimator est = spec.build(dTheta, xShape,
                    EstimatorSpec.buildRng(seed));
            DataParallel member = DataParallel.of(est, () -> spec.buildOne(dTheta, xShape,
                    EstimatorSpec.buildRng(seed)));
            TrainingConfig cfg = v.config.resolve(train.size());
            BatchSource tb = BatchSource.of(train, cfg.batchSize());
            if (v.dropLast) {
                tb = dropLast(tb);
            }
            TrainingReport rep = Trainer.of(cfg).train(member, tb,
                    BatchSource.of(val, Math.min(4096, val.size())),
                    SimulationStreams.streamFor(seed, TRAIN_STREAM));
            double trainS = (System.nanoTime() - t0) / 1e9;
            double shift = -zt.logAbsDet();
            double testNll = nll(est, standardize(test, zt, zx)) + shift;
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%s,%d,%d,%s,%d,%.4f,%.4f,%.2f", task.name(), n, seed, v.name,
                    rep.epochCount(), rep.bestValidationLoss() + shift, testNll, trainS));
            if (obs.length > 0) {
                Posterior post = PosteriorBuilder.of(est, spec, xShape).standardizers(zt, zx)
                        .parameters(ParameterSpace.ofInterest(task.prior()))
                        .provenance(Provenance.of(seed, java.util.Map.of())).build();
                double sum = 0;
                for (int k : obs) {
                    Matrix s = post.at(task.observation(k)).sample(10_000,
                            SeedStream.SAMPLES.streamFor(seed, k));
                    double c = C2st.run(task.referenceSamples(k), s,
                            C2st.Config.sbibm().withThreads(Math.min(5, threads)),
                            SeedStream.SBIBM_C2ST.streamFor(seed, k)).accuracy();
                    sum += c;
                    sb.append(String.format(Locale.ROOT, ",%.4f", c));
                }
                sb.append(String.format(Locale.ROOT, ",mean=%.4f", sum / obs.length));
            }
            return sb.toString();
        });
    }

    private static double nll(ConditionalDensityEstimator est, Dataset d) {
        int b = 2000;
        var ws = est.workspace(b);
        float[] lp = new float[b];
        double sum = 0;
        BatchSource src = BatchSource.of(d, b);
        Matrix t = src.newThetaBuffer();
        Matrix x = src.newXBuffer();
        src.resetInOrder();
        while (src.next(t, x)) {
            est.logProb(t, x, lp, ws);
            for (int i = 0; i < t.rows(); i++) {
                sum -= lp[i];
            }
        }
        return sum / d.size();
    }

    private static Dataset standardize(Dataset d, Standardizer zt, Standardizer zx) {
        Matrix t = zt.transform(d.theta(), Matrix.of(d.size(), d.thetaDim()));
        Matrix x = zx.transform(d.x(), Matrix.of(d.size(), d.xDim()));
        return Dataset.of(t, x, d.index(), d.xShape());
    }

    /** TASKS N SEEDS VARIANTS [OBS] [THREADS]. */
    public static void main(String[] args) {
        List<Task> tasks = new ArrayList<>();
        for (String t : args[0].split(",")) {
            tasks.add(Tasks.byName(t));
        }
        int n = Integer.parseInt(args[1]);
        List<Long> seeds = new ArrayList<>();
        for (String s : args[2].split(",")) {
            seeds.add(Long.parseLong(s));
        }
        String[] variants = args[3].split(",");
        int[] obs = args.length > 4 && !args[4].equals("0")
                ? java.util.Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[0];
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        System.out.println("task,n,seed,variant,epochs,best_val_theta,test_nll,train_s,c2st...");
        for (Task t : tasks) {
            for (long seed : seeds) {
                for (String v : variants) {
                    System.out.println(run(t, n, seed, Variant.parse(v, n), obs, threads));
                }
            }
        }
    }
}
