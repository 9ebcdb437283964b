import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.npe.Npe;
import org.sbi4j.npe.NpeResult;
import org.sbi4j.npe.NpeSettings;
import org.sbi4j.posterior.ConditionedPosterior;
import org.sbi4j.posterior.Interval;
import org.sbi4j.posterior.Posterior;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tensor.Matrix;

/**
 * sbi4j quick start: neural posterior estimation of an exponential decay
 * x(t) = A·exp(−k·t) + N(0, 0.05²) observed at ten times, with A ~ LogNormal(0, 0.5) and
 * k ~ Uniform(0.1, 2). Simulates 5,000 pairs, trains sbi's neural spline flow, then draws 10,000
 * posterior samples for one observation, prints 90 % intervals and saves the model.
 */
public class QuickStart {

    static final double[] TIMES = {0.1, 0.3, 0.5, 0.8, 1.1, 1.5, 2.0, 2.6, 3.3, 4.0};

    public static void main(String[] args) throws Exception {
        Prior prior = Priors.independent(Priors.logNormal("A", 0, 0.5),
                Priors.uniform("k", 0.1, 2));
        Simulator simulator = Simulator.of(2, TIMES.length, QuickStart::decay);

        NpeResult result = Npe.builder(prior, simulator)
                .simulations(5_000)
                .seed(1)
                .threads(2)
                .settings(NpeSettings.defaults())
                .run();
        System.out.printf("trained in %.1f s (%d epochs)%n", result.trainSeconds(),
                result.report().epochCount());

        // an observation simulated at A = 1.5, k = 0.7
        float[] observed = decay(new float[] {1.5f, 0.7f},
                RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
        ConditionedPosterior posterior = result.posterior().at(observed);
        Matrix samples = posterior.sample(10_000, RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        List<Interval> intervals = posterior.equalTailedIntervals(samples, 0.9);
        for (Interval i : intervals) {
            System.out.printf("%s: 90 %% interval [%.3f, %.3f]%n", i.parameter(), i.lower(),
                    i.upper());
        }

        Path model = Files.createTempFile("quickstart", ".sbi4j");
        PosteriorFiles.save(result.posterior(), model);
        Posterior reloaded = PosteriorFiles.load(model);
        double[] logDensity = reloaded.at(observed).logProb(samples.rowView(0, 3).copy());
        System.out.printf("model saved to %s; log q of the first sample: %.3f%n", model,
                logDensity[0]);
    }

    /** One simulation: the decay curve at TIMES plus Gaussian noise of sd 0.05. */
    static float[] decay(float[] theta, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian noise = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] x = new float[TIMES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (theta[0] * Math.exp(-theta[1] * TIMES[i]) + 0.05 * noise.sample());
        }
        return x;
    }
}
