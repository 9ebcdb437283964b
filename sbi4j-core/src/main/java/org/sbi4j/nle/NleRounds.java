package org.sbi4j.nle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.Dataset;
import org.sbi4j.mcmc.McmcDiagnostics;
import org.sbi4j.mcmc.McmcResult;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.prob.Prior;
import org.sbi4j.rounds.Proposal;
import org.sbi4j.rounds.RoundMethod;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingListener;
import org.sbi4j.train.TrainingReport;

/**
 * NLE as a {@link RoundMethod}: every round trains a likelihood on all rounds' pairs
 * ({@link NleTraining}, seeded by the round; a new network, or with
 * {@link NleConfig#warmStart()} the previous round's continued); the next round's proposal
 * is the MCMC posterior at the observation (SNLE; Papamakarios et al. 2019). No correction is needed for
 * the proposals: q(x | θ) is fitted to the simulator's x given θ whatever distribution θ came
 * from. Saves {@code likelihood.sbi4j} and {@code loss.csv} into the round's folder.
 *
 * @param prior       the prior (every parameter is inferred)
 * @param observation the observation, T iid trials × dx
 * @param config      what each round trains
 * @param mcmc        how the proposals are sampled
 * @param listener    hears every training epoch
 */
public record NleRounds(Prior prior, Matrix observation, NleConfig config, McmcSettings mcmc,
                        TrainingListener listener) implements RoundMethod<NleModel> {

    static final String MODEL_FILE = "likelihood.sbi4j";
    static final String LOSS_FILE = "loss.csv";

    public NleRounds {
        if (prior == null || observation == null || config == null || mcmc == null
                || listener == null) {
            throw new IllegalArgumentException("NLE rounds need the prior, the observation, "
                    + "the training config, the MCMC settings and a listener");
        }
        observation = observation.copy();
    }

    @Override
    public NleModel train(Input<NleModel> input) {
        Likelihood warm = config.warmStart() && input.previous() != null
                ? input.previous().likelihood() : null;
        NleTraining.Fit fit = NleTraining.train(new NleTraining.Job(Dataset.from(input.pairs()),
                input.seed(), warm, prior), config, listener);
        return new NleModel(fit.likelihood(), fit.reports());
    }

    @Override
    public Proposal propose(NleModel model, int nextRound, UniformRandomProvider rng) {
        LikelihoodPosterior at = model.likelihood().posterior(prior, observation);
        long seed = rng.nextLong();
        return mcmcProposal(prior.dim(), n -> at.sample(n, mcmc, seed));
    }

    /**
     * A round's proposal that is the current MCMC posterior at x_o: {@code sample} gives n
     * draws (with one seed fixed when the proposal was made, so a retried draw is the same);
     * the draw's description carries the chains' worst diagnostics. Also the ratio rounds'.
     */
    public static Proposal mcmcProposal(int dim, IntFunction<McmcResult> sample) {
        return new Proposal() {
            @Override
            public int dim() {
                return dim;
            }

            @Override
            public Draw draw(int n, UniformRandomProvider unused) {
                McmcResult r = sample.apply(n);
                return new Draw(r.samples(n), "MCMC posterior at x_o (" + summary(r) + ")");
            }
        };
    }

    /** One line: the worst R-hat and ESS, and how many warnings. */
    public static String summary(McmcResult r) {
        McmcDiagnostics d = r.diagnostics();
        double rhat = java.util.Arrays.stream(d.rhat()).max().orElse(Double.NaN);
        double ess = java.util.Arrays.stream(d.bulkEss()).min().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%d chains x %d, max R-hat %.3f, min bulk ESS %.0f,"
                + " %d warnings", r.chains(), r.perChain(), rhat, ess, d.warnings().size());
    }

    @Override
    public void save(NleModel model, Path roundFolder) throws IOException {
        PosteriorFiles.save(model.likelihood().model(), roundFolder.resolve(MODEL_FILE));
        if (!model.reports().isEmpty()) {
            TrainingReport.writeLossCsv(model.reports(), roundFolder.resolve(LOSS_FILE));
        }
    }

    @Override
    public NleModel load(Path roundFolder) throws IOException {
        return new NleModel(new Likelihood(PosteriorFiles.load(roundFolder.resolve(MODEL_FILE))),
                List.of());
    }
}
