package org.sbi4j.npe;

import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.rounds.RoundMethod;

/**
 * A registered method that estimates the likelihood (NLE, SNLE) rather than the posterior: its
 * model is a {@link org.sbi4j.nle.Likelihood} and its posterior is sampled by MCMC, so it runs
 * through {@link org.sbi4j.nle.SequentialNle}, not {@link SequentialNpe} (whose rounds hold
 * posteriors). {@link #build} refuses with a message saying so.
 */
public interface LikelihoodMethod extends MethodSettings {

    /** How the posterior (and SNLE's proposals) are sampled. */
    McmcSettings mcmc();

    /** Whether later rounds continue from the previous round's weights (default: no). */
    default boolean warmStart() {
        return false;
    }

    /**
     * MAF, as sbi's SNLE. Measured (docs/benchmarks.md, 2026-12-04, SNLE at 10,000 simulations,
     * observations 1–3): MAF SLCP 0.659, Lotka–Volterra 0.623, Bernoulli GLM 0.552 C2ST; NSF
     * SLCP 0.790, Bernoulli GLM 0.542: NSF's splines lose SLCP's sharp likelihood.
     */
    @Override
    default String defaultEstimator() {
        return "maf";
    }

    @Override
    default RoundMethod<NpeRound> build(MethodContext context) {
        throw new IllegalArgumentException(kind() + " estimates the likelihood and samples the"
                + " posterior by MCMC: run it with org.sbi4j.nle.SequentialNle (bench sbibm "
                + "--method " + kind() + "); sequential NPE runs do not take it (a job file"
                + " with method " + kind() + " runs it so: sbi4j run)");
    }
}
