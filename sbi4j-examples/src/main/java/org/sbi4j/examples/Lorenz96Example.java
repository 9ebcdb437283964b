package org.sbi4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.plot.Figure;
import org.sbi4j.plot.XyPlots;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.tasks.Lorenz96;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.SeedStream;

/**
 * {@code sbi4j example lorenz96}: NPE with an MLP embedding of the 4×50 series, the amortised
 * posterior over 20 test simulations (posterior mean of F against the true F), and a Gaussian
 * log-likelihood slice in F for a short and a long window with the initial state known: smooth
 * for the short window, rugged (many local maxima) for the long one because the dynamics are
 * chaotic, which is why gradient-based fitting of F fails on long series.
 */
public final class Lorenz96Example {

    /** Windows of the likelihood slice, in observation times (0.1 time units each). */
    static final int SHORT = 10;
    static final int LONG = 200;
    static final double F_TRUE = 8;
    static final double SIGMA = 0.5;
    /** Test simulations of the amortised table (rows of amortised.csv). */
    public static final int TESTS = 20;
    /** Points of the F grid on [7, 9]. */
    static final int GRID = 401;

    private Lorenz96Example() {
    }

    /** Trains on {@code num} simulations, writes the amortised table, the slice and summary.md. */
    public static void run(ExampleRun run, int num, NpeSettings base, PrintWriter stdout)
            throws IOException {
        // a 1-D convolutional embedding over the 4 observed variables × 50 times
        EstimatorSpec spec = base.estimator().withEmbedding(
                EmbeddingSettings.conv1d(new int[] {8, 16}, 5, new int[] {64}, 16));
        run.train(num, base.withEstimator(spec));
        amortised(run);
        slice(run);
        run.finish("Example: Lorenz-96, a chaotic system",
                "Forcing F and noise sd σ from 4 of 40 variables observed 50 times (dt 0.1) after a "
                        + "random initial state. One network serves every observation (amortised); the "
                        + "likelihood slice shows why fitting F by gradients fails on long series.",
                "`amortised.csv` and `amortised.png` (posterior mean ± sd of F against the true F, "
                        + TESTS + " test simulations), `likelihood_slice.csv` and `likelihood_slice.png`",
                stdout);
    }

    /** Posterior mean and sd of F and σ for TESTS fresh simulations. */
    static void amortised(ExampleRun run) throws IOException {
        UniformRandomProvider rng = SeedStream.LORENZ96_TESTS.streamFor(run.seed);
        Lorenz96 sim = new Lorenz96();
        float[] theta = new float[2];
        float[] x = new float[sim.xDim()];
        double[][] cols = new double[6][TESTS];
        StringBuilder csv = new StringBuilder("true_F,mean_F,sd_F,true_sigma,mean_sigma,sd_sigma\n");
        double se = 0;
        for (int i = 0; i < TESTS; i++) {
            run.task.prior().sample(rng, theta, 0);
            sim.simulate(theta, 0, rng, x, 0);
            Matrix s = run.npe.posterior().at(x).sample(Math.min(1000, run.numSamples), rng);
            double[] m = Intervals.mean(s);
            double[] sd = Intervals.covarianceDiagonalSqrt(s);
            double[] row = {theta[0], m[0], sd[0], theta[1], m[1], sd[1]};
            for (int c = 0; c < 6; c++) {
                cols[c][i] = row[c];
            }
            se += (m[0] - theta[0]) * (m[0] - theta[0]) / TESTS;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n", row[0], row[1],
                    row[2], row[3], row[4], row[5]));
        }
        Files.writeString(run.out.resolve("amortised.csv"), csv.toString());
        double meanSd = java.util.Arrays.stream(cols[2]).average().orElse(Double.NaN);
        run.line("amortised over %d test simulations: RMSE of the posterior mean of F %.3f "
                + "(prior sd %.3f), mean posterior sd of F %.3f", TESTS, Math.sqrt(se), 4 / Math.sqrt(12), meanSd);
        XyPlots.againstDiagonal(new XyPlots.Labels("Amortised posterior of F", "true F",
                        "posterior mean of F (± sd)"),
                new XyPlots.Points("posterior mean", cols[0], cols[1], cols[2]), 6, 10)
                .write(run.out.resolve("amortised"));
    }

    /** The Gaussian log-likelihood of one long series as a function of F, short and long window. */
    static void slice(ExampleRun run) throws IOException {
        UniformRandomProvider rng = SeedStream.LORENZ96_SLICE.streamFor(run.seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z0 = new double[Lorenz96.VARIABLES];
        for (int k = 0; k < z0.length; k++) {
            z0[k] = F_TRUE + g.sample();
        }
        // the window starts on the attractor (after the simulator's spin-up) with its state known
        z0 = Lorenz96.spinUp(F_TRUE, z0);
        double[][] obs = Lorenz96.observe(F_TRUE, z0, LONG, 0);
        for (double[] ch : obs) {
            for (int t = 0; t < ch.length; t++) {
                ch[t] += SIGMA * g.sample();
            }
        }
        int n = GRID;
        double[] f = new double[n];
        double[] shortLl = new double[n];
        double[] longLl = new double[n];
        StringBuilder csv = new StringBuilder("F,loglik_short,loglik_long\n");
        for (int i = 0; i < n; i++) {
            f[i] = 7 + 2.0 * i / (n - 1);
            shortLl[i] = Lorenz96.logLikelihood(obs, f[i], SIGMA, z0, SHORT);
            longLl[i] = Lorenz96.logLikelihood(obs, f[i], SIGMA, z0, LONG);
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", f[i], shortLl[i], longLl[i]));
        }
        Files.writeString(run.out.resolve("likelihood_slice.csv"), csv.toString());
        run.line("likelihood slice in F on [7, 9] (step 0.005), true F %.1f, sigma %.1f, state at the window start known:", F_TRUE, SIGMA);
        for (Object[] w : new Object[][] {{"short", SHORT, shortLl}, {"long", LONG, longLl}}) {
            double[] ll = (double[]) w[2];
            run.line("  %-5s window (%3d times = %4.1f time units): %3d local maxima, argmax F = %.4f",
                    w[0], w[1], (int) w[1] * 0.1, localMaxima(ll), f[argmax(ll)]);
        }
        Figure.grid(List.of(
                XyPlots.curve(new XyPlots.Labels("short window: " + SHORT + " times", "F",
                        "log-likelihood"), f, shortLl, 520, 420),
                XyPlots.curve(new XyPlots.Labels("long window: " + LONG + " times", "F",
                        "log-likelihood"), f, longLl, 520, 420)), 1, 2, 520, 420,
                "Lorenz-96: log-likelihood of F (initial state known)").write(run.out.resolve("likelihood_slice"));
    }

    /** Interior grid points strictly above both neighbours. */
    public static int localMaxima(double[] y) {
        int count = 0;
        for (int i = 1; i + 1 < y.length; i++) {
            count += y[i] > y[i - 1] && y[i] > y[i + 1] ? 1 : 0;
        }
        return count;
    }

    static int argmax(double[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            best = y[i] > y[best] ? i : best;
        }
        return best;
    }
}
