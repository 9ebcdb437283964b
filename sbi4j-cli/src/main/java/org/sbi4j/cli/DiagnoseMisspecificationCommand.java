package org.sbi4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sbi4j.posterior.Misspecification;
import org.sbi4j.posterior.MisspecificationResult;
import org.sbi4j.posterior.Posterior;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.sbi4j.workflow.Observations;

/**
 * {@code sbi4j diagnose misspecification}: the split-conformal test of each observation against
 * the training x the model keeps ({@link Misspecification#check}). One line per observation;
 * the exit code is 0 whatever the verdicts.
 */
@Command(name = "misspecification", mixinStandardHelpOptions = true,
        description = "Is each observation inside the distribution of the simulated x the model"
                + " was trained on? Split-conformal test against the training rows the model"
                + " keeps (Mahalanobis, or the diagonal form for wide x): prints 'observation"
                + " <k> <inside|outside> p=<p>' per row; exits 0 whatever the verdicts.")
final class DiagnoseMisspecificationCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Model file from 'train' or 'run'.")
    Path model;

    @Option(names = "--observation", required = true, paramLabel = "FILE",
            description = "Observations, one per row (.csv with header, or .npy).")
    Path observation;

    @Option(names = "--alpha", paramLabel = "A",
            description = "False-alarm rate of the test (default: ${DEFAULT-VALUE}).")
    double alpha = 1 - Misspecification.DEFAULT_LEVEL;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (!(alpha > 0 && alpha < 1)) {
            throw new CommandLine.ParameterException(common.spec.commandLine(),
                    "--alpha must lie in (0, 1), got " + alpha);
        }
        Posterior post = org.sbi4j.posterior.PosteriorFiles.load(model);
        List<float[]> obs = Observations.read(observation, post.xDim());
        if (post.referenceX() == null || post.referenceX().rows() < 4) {
            common.out().println("misspecification check unavailable: " + model.getFileName()
                    + " keeps no (or fewer than 4) training x rows (a model of format 0.1.0, or"
                    + " one trained with NaN-padded x); sampling still works");
            common.out().flush();
            return 0;
        }
        Misspecification.Reference ref = Misspecification.reference(post.referenceX());
        for (int k = 1; k <= obs.size(); k++) {
            float[] z = new float[post.xDim()];
            post.xStandardizer().transform(obs.get(k - 1), 0, z, 0);
            MisspecificationResult r = ref.test(z, 1 - alpha);
            common.out().println(String.format(Locale.ROOT, "observation %d %s p=%.4g", k,
                    r.outside() ? "outside" : "inside", r.pValue()));
        }
        common.out().flush();
        return 0;
    }
}
