package org.sbi4j.nre;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.data.Dataset;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nle.NleRounds;
import org.sbi4j.prob.Prior;
import org.sbi4j.rounds.Proposal;
import org.sbi4j.rounds.RoundMethod;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.TrainingListener;

/**
 * NRE as a {@link RoundMethod}: every round trains a ratio classifier on all rounds' pairs
 * ({@link NreTraining}, seeded by the round; with {@code warmStart} continuing the previous
 * round's weights); the next round's proposal is the MCMC posterior at the observation
 * (SNRE). No correction is needed: on pairs whose θ come from a proposal p̃(θ) the classifier
 * learns p(x | θ)/p̃(x), still proportional in θ to the likelihood, so the posterior stays
 * p(θ)·r(x_o, θ). Rounds are held in memory only ({@link #save} and {@link #load} refuse: no
 * model file for a ratio estimator yet).
 *
 * @param prior       the prior (every parameter is inferred)
 * @param observation the observation, T iid trials × dx; null for one amortised round
 * @param config      what each round trains
 * @param mcmc        how the proposals are sampled
 * @param warmStart   rounds after the first continue from the previous round's weights
 * @param listener    hears every training epoch
 */
public record NreRounds(Prior prior, Matrix observation, NreConfig config, McmcSettings mcmc,
                        boolean warmStart, TrainingListener listener)
        implements RoundMethod<NreRounds.Model> {

    /** The model of one round: the ratio estimator and its training report (null if none). */
    public record Model(RatioEstimator estimator, org.sbi4j.train.TrainingReport report) {
    }

    public NreRounds {
        if (prior == null || config == null || mcmc == null || listener == null) {
            throw new IllegalArgumentException("NRE rounds need the prior, the training config,"
                    + " the MCMC settings and a listener");
        }
        observation = observation == null ? null : observation.copy();
    }

    @Override
    public Model train(Input<Model> input) {
        RatioEstimator warm = warmStart && input.previous() != null
                ? input.previous().estimator() : null;
        NreTraining.Fit fit = NreTraining.train(new NreTraining.Job(Dataset.from(input.pairs()),
                input.seed(), warm, prior), config, listener);
        return new Model(fit.estimator(), fit.report());
    }

    @Override
    public Proposal propose(Model model, int nextRound, UniformRandomProvider rng) {
        if (observation == null) {
            throw new IllegalStateException("sequential NRE needs the observation");
        }
        RatioPosterior at = model.estimator().posterior(prior, observation);
        long seed = rng.nextLong();
        return NleRounds.mcmcProposal(prior.dim(), n -> at.sample(n, mcmc, seed));
    }

    @Override
    public void save(Model model, Path roundFolder) {
        throw new UnsupportedOperationException("NRE rounds are not saved to folders yet");
    }

    @Override
    public Model load(Path roundFolder) {
        throw new UnsupportedOperationException("NRE rounds are not read from folders yet");
    }
}
