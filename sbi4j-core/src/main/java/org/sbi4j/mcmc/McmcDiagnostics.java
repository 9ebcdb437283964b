package org.sbi4j.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per coordinate the rank-normalised split R-hat and the bulk ESS of a run's kept draws
 * ({@link ConvergenceDiagnostics}), and a warning for each that fails: R̂ above
 * {@value #MAX_RHAT} or bulk ESS below {@value #MIN_ESS} (the thresholds Vehtari et al. 2021
 * recommend), or chains too short to judge.
 *
 * @param rhat     rank-normalised split R-hat per coordinate (NaN when not computable)
 * @param bulkEss  bulk effective sample size per coordinate (NaN when not computable)
 * @param warnings one line per failed check, empty when every check passed
 */
public record McmcDiagnostics(double[] rhat, double[] bulkEss, List<String> warnings) {

    public static final double MAX_RHAT = 1.01;
    public static final double MIN_ESS = 400;

    public McmcDiagnostics {
        rhat = rhat.clone();
        bulkEss = bulkEss.clone();
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] rhat() {
        return rhat.clone();
    }

    @Override
    public double[] bulkEss() {
        return bulkEss.clone();
    }

    /** True when no check failed. */
    public boolean converged() {
        return warnings.isEmpty();
    }

    /** The diagnostics of draws shaped as {@link McmcResult#draws()}; extra warnings appended. */
    static McmcDiagnostics of(double[] draws, int chains, int perChain, List<String> extra) {
        int d = draws.length / (chains * perChain);
        double[] r = new double[d];
        double[] e = new double[d];
        List<String> w = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            if (perChain < 4) {
                r[j] = Double.NaN;
                e[j] = Double.NaN;
                continue;
            }
            double[][] c = new double[chains][perChain];
            for (int m = 0; m < chains; m++) {
                for (int t = 0; t < perChain; t++) {
                    c[m][t] = draws[(m * perChain + t) * d + j];
                }
            }
            r[j] = ConvergenceDiagnostics.rankNormalizedSplitRhat(c);
            e[j] = ConvergenceDiagnostics.bulkEss(c);
            if (!(r[j] <= MAX_RHAT)) {
                w.add(String.format(Locale.ROOT, "coordinate %d: R-hat %.3f > %.2f (chains "
                        + "have not mixed)", j, r[j], MAX_RHAT));
            }
            if (!(e[j] >= MIN_ESS)) {
                w.add(String.format(Locale.ROOT, "coordinate %d: bulk ESS %.0f < %.0f", j, e[j],
                        MIN_ESS));
            }
        }
        if (perChain < 4) {
            w.add("only " + perChain + " draws per chain: R-hat and ESS need at least 4");
        }
        w.addAll(extra);
        return new McmcDiagnostics(r, e, w);
    }
}
