package org.sbi4j.nle;

import org.sbi4j.data.Standardizer;
import org.sbi4j.mcmc.LogDensity;
import org.sbi4j.mcmc.McmcResult;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.mcmc.SliceSampler;
import org.sbi4j.prob.Prior;
import org.sbi4j.tensor.Matrix;

/**
 * A posterior known up to a constant at one observation of T iid trials (one row each) and
 * sampled by MCMC: the prior and the trials, checked once, and the slice sampler over the
 * subclass's {@link #potential()} (NLE's likelihood, NRE's ratio). An immutable value.
 */
public abstract class TrialsPosterior {

    /** Network rows of one estimator call (θ rows × trials). */
    protected static final int CHUNK = 1024;

    protected final Prior prior;
    protected final Matrix trials;

    /**
     * @param what      the estimator, as error messages name it ("likelihood's", "ratio
     *                  estimator's")
     * @param thetaDim  the estimator's θ dimension
     * @param xMap      the estimator's map of x: a negative value in a log(1 + x) column is
     *                  refused by name
     */
    protected TrialsPosterior(Prior prior, Matrix trials, String what, int thetaDim,
                              Standardizer xMap) {
        if (prior == null) {
            throw new IllegalArgumentException("the posterior needs the prior");
        }
        if (prior.dim() != thetaDim) {
            throw new IllegalArgumentException("the prior has dimension " + prior.dim()
                    + ", the " + what + " θ " + thetaDim);
        }
        Likelihood.checkObservation(trials, xMap.dim());
        boolean[] log1p = xMap.log1pColumns();
        for (int t = 0; t < trials.rows(); t++) {
            for (int j = 0; j < log1p.length; j++) {
                if (log1p[j] && trials.get(t, j) < 0) {
                    throw new IllegalArgumentException("the observation's trial " + t + " has "
                            + trials.get(t, j) + " at " + j + ", but the " + what + " map takes"
                            + " log(1 + x) of that column: it was trained on non-negative values"
                            + " only");
                }
            }
        }
        this.prior = prior;
        this.trials = trials.copy();
    }

    public Prior prior() {
        return prior;
    }

    /** The observation, T × dx (a copy). */
    public Matrix trials() {
        return trials.copy();
    }

    /** n draws by MCMC ({@link McmcResult#samples} gives them as an n × dθ matrix). */
    public McmcResult sample(int n, McmcSettings settings, long seed) {
        return SliceSampler.of(settings).sample(potential(), prior, n, seed);
    }

    /** The potential U(θ) as a batched log-density (points n × dθ), with its own buffers. */
    public abstract LogDensity potential();
}
