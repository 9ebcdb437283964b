package org.sbi4j.npe;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.rounds.Proposal;
import org.sbi4j.rounds.RoundMethod;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.AtomicLoss;

/**
 * APT, automatic posterior transformation ({@code apt}; Greenberg et al. 2019, SNPE-C in sbi):
 * round 0 simulates from the prior and trains with the standard NPE loss; each later round
 * simulates from the current posterior at x_o (drawn by rejection to the prior's support) and
 * trains on all rounds' pairs with the {@link AtomicLoss atomic loss}, which corrects for the
 * proposals. The posterior may put mass outside the prior's support (leakage): each round's
 * proposal note reports the share its rejection discarded, and sampling the final posterior
 * rejects it as for amortised NPE.
 *
 * @param atoms     atoms per pair of the atomic loss, ≥ 2 (sbi: 10)
 * @param warmStart rounds after the first continue from the previous round's weights and
 *                  standardisation (true, sbi's {@code retrain_from_scratch=False}); false: a
 *                  new network each round
 */
public record AptSettings(int atoms, boolean warmStart) implements MethodSettings {

    public AptSettings {
        if (atoms < 2) {
            throw new IllegalArgumentException("apt: atoms must be >= 2, got " + atoms);
        }
    }

    /** 10 atoms, warm start (sbi's defaults). */
    public static AptSettings defaults() {
        return new AptSettings(AtomicLoss.DEFAULT_ATOMS, true);
    }

    @Override
    public String kind() {
        return "apt";
    }

    @Override
    public RoundMethod<NpeRound> build(MethodContext context) {
        if (context.settings().balance() > 0) { // refused before round 0 rather than in round 1
            throw new IllegalArgumentException("APT's atomic loss and balanced NPE cannot be "
                    + "combined (balance = " + context.settings().balance() + ")");
        }
        return new NpeRoundMethod(context, warmStart) {
            @Override
            int atoms(int round) {
                return round == 0 ? 0 : atoms;
            }

            @Override
            boolean atomic() {
                return true;
            }

            @Override
            public Proposal propose(NpeRound model, int nextRound, UniformRandomProvider rng) {
                return posteriorProposal(model.posterior().at(context.observation()));
            }
        };
    }

    /** The posterior at x_o as a proposal, restricted to the prior's support by rejection. */
    static Proposal posteriorProposal(ConditionedPosterior at) {
        return new Proposal() {
            @Override
            public int dim() {
                return at.posterior().thetaDim();
            }

            @Override
            public Draw draw(int n, UniformRandomProvider rng) {
                ConditionedPosterior.Draws d = at.sampleWithStats(n, rng, false);
                Matrix theta = d.samples();
                return new Draw(theta, String.format(Locale.ROOT, "the posterior at x_o "
                        + "(rejection to the prior's support accepted %.4f: leakage %.4f)",
                        d.acceptanceRate(), 1 - d.acceptanceRate()));
            }
        };
    }
}
