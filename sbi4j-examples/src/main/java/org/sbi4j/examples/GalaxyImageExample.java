package org.sbi4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.diagnostics.PosteriorChecks;
import org.sbi4j.io.Csv;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.plot.ImagePlot;
import org.sbi4j.plot.RankPlot;
import org.sbi4j.posterior.AutoEmbedding;
import org.sbi4j.posterior.EmbeddingSettings;
import org.sbi4j.posterior.EstimatorSpec;
import org.sbi4j.tasks.galaxy.GalaxyImage;
import org.sbi4j.tasks.galaxy.GalaxyImageTask;
import org.sbi4j.tasks.galaxy.GalaxyReference;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.workflow.SeedStream;

/**
 * galaxy_image: the mass of a galaxy from a 64×64 telescope image ({@link GalaxyImage}), with
 * size, ellipticity, orientation, PSF width and sky background as nuisance parameters. NPE with
 * a 2-D CNN embedding ({@link AutoEmbedding#image}, the auto preset's default for images);
 * C2ST against the MCMC reference for the 3 stored observations, SBC
 * (stream {@link SeedStream#DEMO_SBC}, test simulations under seed + 1) and posterior-predictive
 * images (streams {@link SeedStream#PPC} and {@link SeedStream#PPC_SIMULATIONS}).
 */
final class GalaxyImageExample {

    /** SBC test pairs and posterior draws per pair. */
    static final int SBC_PAIRS = 300;
    static final int SBC_SAMPLES = 300;
    /** Posterior-predictive images beside the observation. */
    static final int PPC_IMAGES = 5;
    /** Burn-in of the chain drawing the nuisance parameters given a sampled log mass. */
    static final int NUISANCE_BURN_IN = 3_000;

    private GalaxyImageExample() {
    }

    /**
     * Trains on {@code num} simulations with {@code embedding} (null: the shape-derived default
     * of the auto preset, {@link AutoEmbedding#image}: cnn2d with average pooling and four
     * blocks, chosen by measurement on this example, docs/examples/galaxy_image.md) and
     * writes the files.
     */
    static void run(ExampleRun run, int num, NpeSettings base, EmbeddingSettings embedding,
                    PrintWriter stdout) throws IOException {
        EmbeddingSettings e = embedding != null ? embedding
                : AutoEmbedding.image(run.task.simulator().xShape());
        EstimatorSpec spec = base.estimator().withEmbedding(e);
        run.train(num, base.withEstimator(spec));
        run.line("embedding %s %s", e.kind(), e);
        GalaxyImageTask task = (GalaxyImageTask) run.task;
        for (int k = 1; k <= task.numObservations(); k++) {
            Matrix s = k == 1 ? run.samples : run.npe.posterior().at(task.observation(k))
                    .sample(run.numSamples, SeedStream.SAMPLES.streamFor(run.seed, k));
            if (k > 1) {
                Csv.write(run.out.resolve("samples_obs" + k + ".csv"), run.npe.posterior().names(), s);
            }
            Matrix ref = task.referenceSamples(k);
            double[] q = moments(s);
            double[] r = moments(ref);
            run.line("observation %d: log_mass NPE %.4f ± %.4f, reference %.4f ± %.4f, true %.2f, "
                    + "c2st %.4f", k, q[0], q[1], r[0], r[1], task.trueParameters(k)[0],
                    TaskExamples.c2st(run, s, ref));
        }
        run.progress.note("calibrate: SBC with %d test pairs x %d samples", SBC_PAIRS, SBC_SAMPLES);
        PosteriorChecks.Calibration cal = PosteriorChecks.calibrate(run.npe.posterior(),
                task.prior(), task.simulator(), SBC_PAIRS, SBC_SAMPLES, run.seed + 1, run.threads,
                SeedStream.DEMO_SBC.streamFor(run.seed));
        run.line("%s", cal.sbc().verdict());
        RankPlot.of(cal.sbc(), "SBC ranks: galaxy_image").write(run.out.resolve("sbc_ranks"));
        predictive(run, task);
        run.finish("Example: the mass of a galaxy from its image",
                "A 64×64 image of an exponential-disk galaxy whose flux follows its stellar mass "
                        + "(log10 F = 2.3 + 0.8 (log_mass − 10.25)), blurred by a Gaussian PSF, on a "
                        + "flat sky, with Gaussian pixel noise. Size, ellipticity (e1, e2: axis ratio and "
                        + "orientation), PSF width and sky are nuisance parameters, so NPE learns "
                        + "p(log_mass | image) with them integrated out by simulation; a 2-D CNN "
                        + "summarises the image. The reference is a long adaptive-Metropolis chain on "
                        + "the five non-linear parameters with the sky integrated out analytically.",
                "`samples_obs2.csv`, `samples_obs3.csv`, `sbc_ranks.png` (SBC rank histogram), "
                        + "`posterior_predictive.png` (observation 1 beside images simulated from "
                        + "posterior draws)", stdout);
    }

    /** Observation 1 beside images simulated from the posterior (log_mass from NPE). */
    private static void predictive(ExampleRun run, GalaxyImageTask task) throws IOException {
        float[] xo = task.observation(1);
        List<ImagePlot.Panel> panels = new ArrayList<>();
        panels.add(new ImagePlot.Panel("observed (obs 1)", xo, GalaxyImage.SIDE, GalaxyImage.SIDE));
        UniformRandomProvider rng = SeedStream.PPC.streamFor(run.seed);
        UniformRandomProvider sim = SeedStream.PPC_SIMULATIONS.streamFor(run.seed);
        GalaxyImage simulator = new GalaxyImage();
        for (int i = 0; i < PPC_IMAGES; i++) {
            double m = run.samples.get(i, 0);
            double[] theta = GalaxyReference.nuisanceGivenMass(xo, m, NUISANCE_BURN_IN, rng);
            float[] t = new float[theta.length];
            for (int j = 0; j < t.length; j++) {
                t[j] = (float) theta[j];
            }
            float[] x = new float[GalaxyImage.SIDE * GalaxyImage.SIDE];
            simulator.simulate(t, 0, sim, x, 0);
            panels.add(new ImagePlot.Panel(String.format(java.util.Locale.ROOT,
                    "log_mass %.2f", m), x, GalaxyImage.SIDE, GalaxyImage.SIDE));
        }
        ImagePlot.of(panels, 3, 220, "Observation 1 and posterior-predictive images")
                .write(run.out.resolve("posterior_predictive"));
    }

    private static double[] moments(Matrix m) {
        double s = 0;
        for (int i = 0; i < m.rows(); i++) {
            s += m.get(i, 0);
        }
        double mean = s / m.rows();
        double q = 0;
        for (int i = 0; i < m.rows(); i++) {
            q += (m.get(i, 0) - mean) * (m.get(i, 0) - mean);
        }
        return new double[] {mean, Math.sqrt(q / (m.rows() - 1))};
    }
}
