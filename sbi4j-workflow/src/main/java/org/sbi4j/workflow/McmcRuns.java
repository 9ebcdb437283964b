package org.sbi4j.workflow;

import java.util.List;
import java.util.Locale;
import org.sbi4j.kernels.Parallelism;
import org.sbi4j.mcmc.McmcDiagnostics;
import org.sbi4j.mcmc.McmcResult;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nle.NleConfig;
import org.sbi4j.nle.NleRounds;
import org.sbi4j.nle.TrialsPosterior;
import org.sbi4j.npe.LikelihoodMethod;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.npe.RatioMethod;
import org.sbi4j.nre.NreConfig;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.train.TrainingConfig;
import org.sbi4j.train.TrainingReport;

/**
 * What {@code sbi4j run} and {@code sbi4j bench sbibm} share for the methods whose posterior is
 * sampled by MCMC ({@code nle, snle}: {@link org.sbi4j.nle.SequentialNle}; {@code nre, bnre,
 * snre}: {@link org.sbi4j.nre.SequentialNre}): the rounds' settings from the preset's, the
 * posterior draws of observation k (seed from stream {@link SeedStream#SAMPLES} + k), and the
 * text of their diagnostics file ({@code mcmc[-k].txt}, {@code obs<k>-mcmc.txt}).
 */
public final class McmcRuns {

    private McmcRuns() {
    }

    /**
     * What each NLE round trains: the preset's estimator (an automatic ensemble size becomes 1:
     * the automatic choice is NPE's) and training, the method's warm start.
     */
    public static NleConfig nleConfig(LikelihoodMethod method, NpeSettings settings) {
        EstimatorSpec spec = settings.estimator();
        if (spec.ensemble() == EstimatorSpec.AUTO_ENSEMBLE) {
            spec = spec.withEnsemble(1);
        }
        return new NleConfig(spec, settings.training(), method.warmStart());
    }

    /** What each NRE round trains: sbi's classifier with the method's loss, this training. */
    public static NreConfig nreConfig(RatioMethod method, TrainingConfig training) {
        return NreConfig.of(method.loss()).withTraining(training);
    }

    /**
     * MCMC draws with the time they took.
     *
     * @param result  the sampler's run (draws and diagnostics)
     * @param samples the first n draws, n × dθ
     * @param seconds wall time of the run
     */
    public record Draws(McmcResult result, org.sbi4j.tensor.Matrix samples, double seconds) {
    }

    /**
     * n draws of the posterior of observation k by MCMC with these settings, on {@code threads}
     * kernel threads; seed from stream {@link SeedStream#SAMPLES} + k of the run seed (the same
     * numbers for any thread count).
     */
    public static Draws sample(TrialsPosterior post, int n, McmcSettings mcmc, long seed, int k,
                               int threads) {
        long s = SeedStream.SAMPLES.streamFor(seed, k).nextLong();
        long t0 = System.nanoTime();
        McmcResult r = Parallelism.call(threads, () -> post.sample(n, mcmc, s));
        return new Draws(r, r.samples(n), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The diagnostics file: the summary line ({@link NleRounds#summary}), time and throughput,
     * the last training (if given), R-hat and bulk ESS per parameter, then the warnings.
     */
    public static String text(Draws d, List<String> names, TrainingReport training) {
        McmcResult mc = d.result();
        McmcDiagnostics diag = mc.diagnostics();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s%nsample_s %.3f, target evaluations %d (%.0f draws/s)%n", NleRounds.summary(mc),
                d.seconds(), mc.evaluations(), d.samples().rows() / d.seconds()));
        if (training != null) {
            sb.append(String.format(Locale.ROOT, "training: %d epochs, best %d (%s)%n",
                    training.epochCount(), training.bestEpoch(), training.stopReason()));
        }
        double[] rhat = diag.rhat();
        double[] ess = diag.bulkEss();
        for (int j = 0; j < rhat.length; j++) {
            sb.append(String.format(Locale.ROOT, "%s: R-hat %.4f, bulk ESS %.0f%n",
                    j < names.size() ? names.get(j) : "theta[" + j + "]", rhat[j], ess[j]));
        }
        sb.append(diag.warnings().isEmpty() ? "no warnings (R-hat <= "
                + McmcDiagnostics.MAX_RHAT + " and bulk ESS >= " + (int) McmcDiagnostics.MIN_ESS
                + " for every parameter)" : String.join("\n", diag.warnings()));
        return sb.append('\n').toString();
    }

    /** The verdict of summary.md: converged, or the warnings. */
    public static String verdict(McmcResult r) {
        McmcDiagnostics d = r.diagnostics();
        return (d.converged() ? "converged (" : "NOT converged (") + NleRounds.summary(r) + ")"
                + (d.converged() ? "" : ": " + String.join("; ", d.warnings())
                + "; the samples may not represent the posterior: more chains, warm-up or "
                + "thinning (method keys chains, warmup, thin)");
    }
}
