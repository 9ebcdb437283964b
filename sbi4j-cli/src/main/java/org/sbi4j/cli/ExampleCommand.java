package org.sbi4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.diagnostics.C2st;
import org.sbi4j.diagnostics.Identifiability;
import org.sbi4j.diagnostics.IdentifiabilityReport;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.Intervals;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbi4j example NAME --out DIR}: the documented examples (docs/examples/NAME.md), each an
 * NPE analysis with samples, summary.md and plots:
 * <ul>
 *   <li>lorenz96: amortised posterior of (F, σ) from a chaotic, partially observed series, and
 *       the likelihood slice in F that turns rugged for long windows ({@link Lorenz96Example});</li>
 *   <li>galaxy_clustering: the ridge posterior and the identifiability report;</li>
 *   <li>counting_experiment: the marginal posterior of the signal strength with efficiency and
 *       background as nuisance, against the MCMC reference;</li>
 *   <li>banana: NPE against an MCMC reference on a tractable likelihood (C2ST).</li>
 * </ul>
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run a documented example (lorenz96, galaxy_clustering, "
                + "counting_experiment, banana) and write samples, plots and summary.md.")
final class ExampleCommand implements Callable<Integer> {

    static final List<String> NAMES = List.of("lorenz96", "galaxy_clustering",
            "counting_experiment", "banana");

    /** Stream index of the C2ST generators. */
    static final long C2ST_STREAM = 0x5B14_C257_E000L;

    @Parameters(index = "0", paramLabel = "NAME", description = "lorenz96, galaxy_clustering, "
            + "counting_experiment or banana.")
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--overwrite", description = "Write into a non-empty output folder.")
    boolean overwrite;

    @Option(names = "--num", paramLabel = "N", description = "Simulations (default: per example, "
            + "see docs/examples).")
    Integer num;

    @Option(names = "--max-epochs", paramLabel = "E", description = "Epoch limit (default: none).")
    int maxEpochs = Integer.MAX_VALUE;

    @Option(names = "--samples", paramLabel = "N", description = "Posterior samples for "
            + "observation 1 (default: ${DEFAULT-VALUE}).")
    int samples = 10_000;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown example '" + name + "'; choose one of " + NAMES);
        }
        OutputDir.prepare(out, overwrite, ".sbi4j-example");
        ExampleRun run = new ExampleRun(Tasks.byName(name), out, common.seed(), common.threads(),
                common.progress(), samples);
        NpeSettings settings = NpeSettings.defaults().withTraining(
                NpeSettings.defaults().training().withMaxEpochs(maxEpochs));
        PrintWriter stdout = common.out();
        switch (name) {
            case "lorenz96" -> Lorenz96Example.run(run, num == null ? 10_000 : num, settings, stdout);
            case "galaxy_clustering" -> galaxy(run.train(num == null ? 5_000 : num, settings), stdout);
            case "counting_experiment" -> counting(run.train(num == null ? 10_000 : num, settings), stdout);
            default -> banana(run.train(num == null ? 10_000 : num, settings), stdout);
        }
        return 0;
    }

    /** The ridge posterior and the identifiability report. */
    static IdentifiabilityReport galaxy(ExampleRun run, PrintWriter stdout) throws IOException {
        Matrix prior = run.task.prior().sample(10_000, SimulationStreams.streamFor(run.seed, C2ST_STREAM + 100));
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
        Matrix ref = reference.rows() > run.samples.rows()
                ? reference.rowView(0, run.samples.rows()).copy() : reference;
        return C2st.run(ref, run.samples, C2st.Config.sbibm().withThreads(Math.min(5, run.threads)),
                SimulationStreams.streamFor(run.seed, C2ST_STREAM)).accuracy();
    }
}
