package org.sbi4j.workflow;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.diagnostics.EcdfBands;
import org.sbi4j.diagnostics.Identifiability;
import org.sbi4j.diagnostics.IdentifiabilityReport;
import org.sbi4j.diagnostics.PosteriorChecks;
import org.sbi4j.diagnostics.Ppc;
import org.sbi4j.diagnostics.PpcResult;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.diagnostics.SbcRanks;
import org.sbi4j.diagnostics.SbcResult;
import org.sbi4j.data.Dataset;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.sim.Simulations;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * The diagnostics as {@code sbi4j run} and {@code sbi4j diagnose} run them. Every random draw
 * comes from a {@link SeedStream} of the run seed, so a diagnosis is repeatable, independent of
 * the training draws, and the same from the command line and from Java.
 */
public final class Diagnoses {

    private Diagnoses() {
    }

    /**
     * Fresh test pairs: θ of interest (n × interest dimension) and x (n × x dimension) of the
     * valid simulations among 0…n−1 of a run seeded from {@code seed}.
     *
     * @param invalid simulations that failed and were left out
     */
    public record TestPairs(Matrix theta, Matrix x, long invalid) {
    }

    /** Simulates the test pairs of SBC and coverage (stream {@link SeedStream#TEST_PAIRS}). */
    public static TestPairs testPairs(Prior prior, Simulator simulator, int n, long seed,
                                      int threads, ProgressListener progress) {
        SimulationResult r;
        try (ProgressListener.Stage stage = progress.stage("simulate test pairs", n)) {
            r = StoreRunner.batched(Simulations.builder(prior, simulator)
                    .seed(SeedStream.TEST_PAIRS.seedFor(seed)).threads(threads)
                    .progress(stage), simulator).run(n);
        }
        if (r.size() < 2) {
            throw new IllegalStateException("only " + r.size() + " of " + n + " test simulations"
                    + " are valid; " + r.summary());
        }
        return new TestPairs(columns(r.theta(), prior.interestIndices()), r.x(), r.invalid());
    }

    /**
     * SBC ranks and tests with {@code samples} posterior draws per pair (joint ranks by the
     * unnormalised density; stream {@link SeedStream#SBC}).
     */
    public static SbcResult sbc(Posterior post, TestPairs pairs, int samples, double alpha,
                                long seed, int threads) {
        UniformRandomProvider rng = SeedStream.SBC.streamFor(seed);
        SbcRanks ranks = Sbc.ranks(pairs.theta(), pairs.x(), PosteriorChecks.sampler(post),
                PosteriorChecks.density(post), samples, threads, rng);
        return Sbc.test(ranks, post.names(), alpha, rng);
    }

    /**
     * Simultaneous ECDF bands of the SBC ranks ({@link EcdfBands}), one per parameter and for
     * the joint log-density, each at α/m (m tests, Bonferroni) as the rank tests; the uniform
     * rank sets come from stream {@link SeedStream#SBC}, offset 1.
     */
    public static java.util.List<EcdfBands.Result> ecdfBands(SbcResult sbc, long seed) {
        UniformRandomProvider rng = SeedStream.SBC.streamFor(seed, 1);
        SbcRanks r = sbc.ranks();
        int m = r.dim() + (r.hasJoint() ? 1 : 0);
        java.util.List<EcdfBands.Result> out = new java.util.ArrayList<>();
        for (int j = 0; j < r.dim(); j++) {
            out.add(EcdfBands.test(sbc.names().get(j), r.ranksOf(j), r.samplesPerPair(),
                    sbc.alpha() / m, rng));
        }
        if (r.hasJoint()) {
            out.add(EcdfBands.test("joint log-density", r.jointRanks(), r.samplesPerPair(),
                    sbc.alpha() / m, rng));
        }
        return out;
    }

    /** One sentence for a report: which rank ECDFs leave their bands. */
    public static String ecdfVerdict(java.util.List<EcdfBands.Result> bands, double alpha) {
        java.util.List<String> out = bands.stream().filter(b -> !b.inside())
                .map(EcdfBands.Result::verdict).toList();
        String head = "simultaneous ECDF bands (Säilynoja et al. 2022), family-wise false-alarm "
                + "rate " + alpha + " over " + bands.size() + " rank sets: ";
        return out.isEmpty() ? head + "every rank ECDF stays within its band: consistent with "
                + "calibration." : head + "NOT calibrated. " + String.join("; ", out) + ".";
    }

    /**
     * What a posterior predictive check simulates from.
     *
     * @param posterior the posterior over the parameters of interest
     * @param joint     a posterior over every prior parameter (nuisances included) trained on
     *                  the same simulations, or null; needed for a correct check when the prior
     *                  declares nuisances (see {@link #jointPosterior})
     * @param prior     the prior (nuisances declared)
     * @param simulator the simulator
     */
    public record PpcModel(Posterior posterior, Posterior joint, Prior prior,
                           Simulator simulator) {
        public PpcModel {
            if (joint != null && joint.thetaDim() != prior.dim()) {
                throw new IllegalArgumentException("the joint posterior has " + joint.thetaDim()
                        + " parameters, the prior " + prior.dim());
            }
        }
    }

    /** The joint posterior's file beside a model file: {@code model.sbi4j → model-joint.sbi4j}. */
    public static java.nio.file.Path jointModelFile(java.nio.file.Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".sbi4j") ? name.substring(0, name.length() - 6) : name;
        return model.resolveSibling(stem + "-joint.sbi4j");
    }

    /** True if the prior declares nuisance parameters. */
    public static boolean hasNuisances(Prior prior) {
        return prior.interestIndices().length < prior.dim();
    }

    /**
     * The joint posterior over every prior parameter, trained on the same simulations with the
     * same settings and seed as the posterior of interest ({@code data}'s θ holds every
     * parameter). A posterior predictive check draws (θ, ν) from it.
     */
    public static Posterior jointPosterior(Prior prior, Dataset data, NpeSettings settings,
                                           long seed) {
        return jointPosterior(prior, data, settings, seed, org.sbi4j.train.TrainingListener.NONE);
    }

    /** As {@link #jointPosterior(Prior, Dataset, NpeSettings, long)}, reporting each epoch. */
    public static Posterior jointPosterior(Prior prior, Dataset data, NpeSettings settings,
                                           long seed, org.sbi4j.train.TrainingListener epochs) {
        return Npe.builder(Priors.allOfInterest(prior)).data(data).seed(seed).settings(settings)
                .onEpoch(epochs).run().posterior();
    }

    /**
     * Posterior predictive check at x_o: m posterior draws, one simulation each (streams
     * {@link SeedStream#PPC} and {@link SeedStream#PPC_SIMULATIONS}). With nuisance parameters
     * the draws of every parameter come from the joint posterior when the model has one, else
     * the nuisances are drawn from their prior and the verdict says the check is conservative.
     * Failed simulations are left out, counted, and reported in the verdict.
     */
    public static PpcResult ppc(PpcModel model, float[] xo, int m, long seed, double level) {
        return Ppc.check(predictive(model, xo, m, seed), xo, null, level);
    }

    /** The m predictive draws of {@link #ppc(PpcModel, float[], int, long, double)}. */
    public static Ppc.Predictive predictive(PpcModel model, float[] xo, int m, long seed) {
        UniformRandomProvider rng = SeedStream.PPC.streamFor(seed);
        Prior prior = model.prior();
        String nuisances = null;
        Matrix theta;
        if (hasNuisances(prior) && model.joint() != null) {
            theta = model.joint().at(xo).sample(m, rng);
            nuisances = "joint posterior";
        } else {
            Matrix interest = model.posterior().at(xo).sample(m, rng);
            theta = prior.sample(m, rng);
            int[] idx = prior.interestIndices();
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < idx.length; k++) {
                    theta.set(i, idx[k], interest.get(i, k));
                }
            }
            nuisances = hasNuisances(prior) ? "prior" : null;
        }
        return simulatePredictive(theta, model.simulator(), seed, nuisances);
    }

    /**
     * The predictive simulations of {@link #predictive}: x for each row of θ (every prior
     * parameter), seeds from stream {@link SeedStream#PPC_SIMULATIONS}; failed and non-finite
     * simulations left out and counted. Also the checks of a posterior sampled by MCMC, whose
     * draws are θ.
     *
     * @param nuisances how the nuisance parameters of θ were drawn, or null when there are none
     */
    public static Ppc.Predictive simulatePredictive(Matrix theta, Simulator simulator, long seed,
                                                    String nuisances) {
        int m = theta.rows();
        long runSeed = SeedStream.PPC_SIMULATIONS.seedFor(seed);
        UniformRandomProvider[] rngs = new UniformRandomProvider[m];
        long[] seeds = new long[m];
        for (int i = 0; i < m; i++) {
            rngs[i] = SimulationStreams.streamFor(runSeed, i);
            seeds[i] = SimulationStreams.seedFor(runSeed, i);
        }
        Matrix x = Matrix.of(m, simulator.xDim());
        String[] failures = new String[m];
        simulator.simulateBatch(theta, rngs, seeds, x, failures);
        int[] ok = java.util.stream.IntStream.range(0, m)
                .filter(i -> failures[i] == null && finiteRow(x, i)).toArray();
        String first = null;
        for (int i = 0; i < m && first == null; i++) {
            first = failures[i] != null ? failures[i]
                    : finiteRow(x, i) ? null : "non-finite x";
        }
        if (ok.length < 2) {
            throw new IllegalStateException("only " + ok.length + " of " + m + " predictive"
                    + " simulations succeeded" + (first != null ? ": " + first : ""));
        }
        return new Ppc.Predictive(rows(x, ok), m - ok.length, first, nuisances);
    }

    /** As {@link #ppc(PpcModel, float[], int, long, double)} without a joint posterior. */
    public static PpcResult ppc(Posterior post, Prior prior, Simulator simulator, float[] xo,
                                int m, long seed, double level) {
        return ppc(new PpcModel(post, null, prior, simulator), xo, m, seed, level);
    }

    /** Identifiability at x_o from n posterior and n prior samples ({@link SeedStream#IDENTIFIABILITY}). */
    public static IdentifiabilityReport identifiability(Posterior post, Prior prior, float[] xo,
                                                        int n, long seed) {
        UniformRandomProvider rng = SeedStream.IDENTIFIABILITY.streamFor(seed);
        Matrix posterior = post.at(xo).sample(n, rng);
        Matrix fromPrior = columns(prior.sample(n, rng), prior.interestIndices());
        return Identifiability.analyse(posterior, fromPrior, post.names(),
                Identifiability.DEFAULT_THRESHOLD);
    }

    /** The n posterior samples {@link #identifiability} analyses (the same draws). */
    public static Matrix identifiabilitySamples(Posterior post, float[] xo, int n, long seed) {
        return post.at(xo).sample(n, SeedStream.IDENTIFIABILITY.streamFor(seed));
    }

    /** The given columns of m (m itself when they are all of its columns). */
    public static Matrix columns(Matrix m, int[] cols) {
        if (cols.length == m.cols()) {
            return m;
        }
        Matrix out = Matrix.of(m.rows(), cols.length);
        for (int i = 0; i < m.rows(); i++) {
            for (int k = 0; k < cols.length; k++) {
                out.set(i, k, m.get(i, cols[k]));
            }
        }
        return out;
    }

    /** The first min(n, rows) rows of m. */
    public static Matrix firstRows(Matrix m, int n) {
        return rows(m, java.util.stream.IntStream.range(0, Math.min(n, m.rows())).toArray());
    }

    private static Matrix rows(Matrix m, int[] rows) {
        Matrix out = Matrix.of(rows.length, m.cols());
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < m.cols(); j++) {
                out.set(r, j, m.get(rows[r], j));
            }
        }
        return out;
    }

    private static boolean finiteRow(Matrix x, int i) {
        for (int j = 0; j < x.cols(); j++) {
            if (!Float.isFinite(x.get(i, j))) {
                return false;
            }
        }
        return true;
    }
}
