package org.sbi4j.examples.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.sbi4j.diagnostics.ConformalCoverage;
import org.sbi4j.diagnostics.SbcRanks;
import org.sbi4j.diagnostics.Sbc;
import org.sbi4j.npe.Npe;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.workflow.Diagnoses;
import org.sbi4j.workflow.ProgressListener;

/**
 * Does conformal recalibration give highest-density regions that cover? For each task: NPE
 * (default settings) on {@code simulations} simulations, the credibility levels recalibrated on
 * {@code pairs} held-out prior-predictive pairs (seed + 1) with {@code samples} posterior samples
 * each, and the coverage of raw and recalibrated regions measured on another {@code pairs}
 * fresh pairs (seed + 2), with a 95 % Clopper–Pearson interval. Output lines:
 * {@code <task> level=<nominal> adjusted=<level> raw=<coverage> [lo, hi]
 * recalibrated=<coverage> [lo, hi]}.
 */
public record CoverageRecalibration(List<String> tasks, int simulations, int pairs, int samples,
                                    long seed, int threads) {

    /** The levels reported. */
    static final double[] LEVELS = {0.5, 0.8, 0.9, 0.95};

    /** Runs every task, passing each line to {@code out}. */
    public void run(Consumer<String> out) {
        for (String name : tasks) {
            Task task = Tasks.byName(name);
            Posterior post = Npe.builder(task.prior(), task.simulator()).simulations(simulations)
                    .seed(seed).threads(threads).run().posterior();
            SbcRanks calib = ranks(post, task, seed + 1);
            SbcRanks test = ranks(post, task, seed + 2);
            ConformalCoverage.Recalibration rc = ConformalCoverage.recalibrate(calib, LEVELS);
            double[] mass = mass(test);
            for (double level : LEVELS) {
                double beta = rc.adjusted(level);
                out.accept(String.format(Locale.ROOT, "%s level=%.2f adjusted=%.4f raw=%s"
                        + " recalibrated=%s", name, level, beta, covered(mass, level),
                        covered(mass, beta)));
            }
        }
    }

    private SbcRanks ranks(Posterior post, Task task, long s) {
        Diagnoses.TestPairs p = Diagnoses.testPairs(task.prior(), task.simulator(), pairs, s,
                threads, ProgressListener.NONE);
        return Diagnoses.sbc(post, p, samples, Sbc.DEFAULT_ALPHA, s, threads).ranks();
    }

    private static double[] mass(SbcRanks r) {
        int l = r.samplesPerPair();
        double[] m = new double[r.pairs()];
        for (int i = 0; i < m.length; i++) {
            m[i] = (l - r.jointRanks()[i] + 0.5) / (l + 1.0);
        }
        return m;
    }

    /** "0.873 [0.851, 0.893]": the share with mass ≤ level and its 95 % interval. */
    private static String covered(double[] mass, double level) {
        int k = 0;
        for (double m : mass) {
            k += m <= level ? 1 : 0;
        }
        int n = mass.length;
        double lo = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1.0)
                .inverseCumulativeProbability(0.025);
        double hi = k == n ? 1 : BetaDistribution.of(k + 1.0, n - k)
                .inverseCumulativeProbability(0.975);
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", k / (double) n, lo, hi);
    }

    /** {@code java … CoverageRecalibration [simulations] [pairs] [samples]}. */
    public static void main(String[] args) {
        int sims = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        new CoverageRecalibration(List.of("two_moons", "slcp"), sims, pairs, samples, 1L, 2)
                .run(System.out::println);
    }
}
