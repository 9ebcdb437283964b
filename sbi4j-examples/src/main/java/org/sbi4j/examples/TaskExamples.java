package org.sbi4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.diagnostics.Identifiability;
import org.sbi4j.diagnostics.IdentifiabilityReport;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.ProgressListener;
import org.sbi4j.workflow.SeedStream;

/**
 * The documented examples (docs/examples/NAME.md, {@code sbi4j example NAME}), each an NPE
 * analysis with samples, summary.md and plots:
 * <ul>
 *   <li>lorenz96: amortised posterior of (F, σ) from a chaotic, partially observed series, and
 *       the likelihood slice in F that turns rugged for long windows ({@link Lorenz96Example});</li>
 *   <li>galaxy_clustering: the ridge posterior and the identifiability report;</li>
 *   <li>counting_experiment: the marginal posterior of the signal strength with efficiency and
 *       background as nuisance, against the MCMC reference;</li>
 *   <li>banana: NPE against an MCMC reference on a tractable likelihood (C2ST);</li>
 *   <li>galaxy_image: a galaxy's mass from a 64×64 image with shape, PSF and sky as nuisance,
 *       a 2-D CNN embedding, C2ST for 3 observations, SBC, posterior-predictive images
 *       ({@link GalaxyImageExample}).</li>
 * </ul>
 * C2ST draws come from {@link SeedStream#EXAMPLE_C2ST}.
 */
public final class TaskExamples {

    /** The examples, by name. */
    public static final List<String> NAMES = List.of("lorenz96", "galaxy_clustering",
            "counting_experiment", "banana", "galaxy_image");

    /**
     * How to run an example.
     *
     * @param out       output folder (prepared by the caller)
     * @param progress  where stage messages and progress go
     * @param num       simulations, or null for the example's default (see docs/examples)
     * @param maxEpochs epoch limit (MAX_VALUE: none)
     * @param samples   posterior samples for observation 1 (at least 10)
     * @param embedding the embedding, or null for the example's own (only galaxy_image takes one)
     */
    public record Settings(Path out, long seed, int threads, ProgressListener progress,
                           Integer num, int maxEpochs, int samples, EmbeddingSettings embedding) {
    }

    private TaskExamples() {
    }

    /** Runs example {@code name}: writes its files into the output folder, prints its lines. */
    public static void run(String name, Settings s, PrintWriter stdout) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown example '" + name + "'; choose one of "
                    + NAMES);
        }
        if (s.embedding() != null && !"galaxy_image".equals(name)) {
            throw new IllegalArgumentException("example " + name + " has a fixed embedding; "
                    + "an embedding can be chosen for galaxy_image only, got " + s.embedding().kind());
        }
        ExampleRun run = new ExampleRun(Tasks.byName(name), s.out(), s.seed(), s.threads(),
                s.progress(), s.samples());
        NpeSettings settings = NpeSettings.defaults().withTraining(
                NpeSettings.defaults().training().withMaxEpochs(s.maxEpochs()));
        Integer num = s.num();
        switch (name) {
            case "lorenz96" -> Lorenz96Example.run(run, num == null ? 10_000 : num, settings, stdout);
            case "galaxy_clustering" -> galaxy(run.train(num == null ? 5_000 : num, settings), stdout);
            case "galaxy_image" -> GalaxyImageExample.run(run, num == null ? 10_000 : num, settings,
                    s.embedding(), stdout);
            case "counting_experiment" -> counting(run.train(num == null ? 10_000 : num, settings), stdout);
            default -> banana(run.train(num == null ? 10_000 : num, settings), stdout);
        }
    }

    /** The ridge posterior and the identifiability report. */
    static IdentifiabilityReport galaxy(ExampleRun run, PrintWriter stdout) throws IOException {
        Matrix prior = run.task.prior().sample(10_000, SeedStream.EXAMPLE_PRIOR.streamFor(run.seed));
        IdentifiabilityReport rep = Identifiability.analyse(run.samples, prior, run.task.thetaNames(),
                Identifiability.DEFAULT_THRESHOLD);
        run.line("identifiability: %s", rep.verdict());
        for (var d : rep.log()) {
            run.line("  log space: %-24s posterior sd %.4f, prior sd %.4f, ratio %.3f%s", d.combination(),
                    d.posteriorSd(), d.priorSd(), d.ratio(), d.constrained() ? " (constrained)" : "");
        }
        run.line("c2st %.4f against the exact posterior", c2st(run, run.task.referenceSamples(1)));
        run.finish("Example: galaxy clustering, a perfect degeneracy",
                "P_g(k) = A b² P_lin(k): the data fix A b², not A and b. The posterior is a ridge "
                        + "along A b² = const, and the identifiability report names the constrained "
                        + "combination log A + 2 log b.", "", stdout);
        return rep;
    }

    /** The marginal posterior of μ against the MCMC reference's μ column. */
    static void counting(ExampleRun run, PrintWriter stdout) throws IOException {
        Matrix ref = run.task.referenceSamples(1);
        Matrix mu = Matrix.of(ref.rows(), 1);
        for (int i = 0; i < ref.rows(); i++) {
            mu.set(i, 0, ref.get(i, 0));
        }
        double[] m = Intervals.mean(mu);
        double[] sd = Intervals.covarianceDiagonalSqrt(mu);
        double[] q = Intervals.mean(run.samples);
        double[] qs = Intervals.covarianceDiagonalSqrt(run.samples);
        run.line("mu: NPE mean %.4f sd %.4f; MCMC reference (joint chain, mu column) mean %.4f sd %.4f",
                q[0], qs[0], m[0], sd[0]);
        run.line("c2st %.4f (NPE marginal vs MCMC marginal of mu)", c2st(run, mu));
        run.finish("Example: a counting experiment with nuisance parameters",
                "Poisson counts in 5 bins with rate ε μ s_i + β b_i; the efficiency ε and the background "
                        + "β are nuisance parameters (Priors.withNuisance), so NPE learns p(μ | x) with "
                        + "ε and β integrated out by simulation.", "", stdout);
    }

    /** NPE vs the MCMC reference on the banana likelihood. */
    static void banana(ExampleRun run, PrintWriter stdout) throws IOException {
        run.line("c2st %.4f against adaptive-Metropolis reference samples (0.5 = "
                + "indistinguishable)", c2st(run, run.task.referenceSamples(1)));
        run.finish("Example: NPE against MCMC on a tractable likelihood",
                "x_1 = θ_1 + 0.5 η_1, x_2 = θ_1² + θ_2 + 0.3 η_2: the likelihood is Gaussian and "
                        + "known, so an adaptive random-walk Metropolis chain gives the reference "
                        + "posterior; C2ST measures how close NPE comes.", "", stdout);
    }

    /** C2ST of the samples against (at most as many) reference samples. */
    static double c2st(ExampleRun run, Matrix reference) {
        return c2st(run, run.samples, reference);
    }

    /** C2ST of samples against (at most as many) reference samples. */
    static double c2st(ExampleRun run, Matrix samples, Matrix reference) {
        Matrix ref = reference.rows() > samples.rows()
                ? reference.rowView(0, samples.rows()).copy() : reference;
        return C2st.run(ref, samples, C2st.Config.sbibm().withThreads(Math.min(5, run.threads)),
                SeedStream.EXAMPLE_C2ST.streamFor(run.seed)).accuracy();
    }
}
