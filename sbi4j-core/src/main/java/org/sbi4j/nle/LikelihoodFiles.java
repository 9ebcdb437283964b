package org.sbi4j.nle;

import java.io.IOException;
import java.nio.file.Path;
import org.sbi4j.posterior.ModelKind;
import org.sbi4j.posterior.PosteriorFiles;

/**
 * Saves and loads {@link Likelihood}s as model files of kind {@link ModelKind#LIKELIHOOD}
 * (format 5 on): the swapped-roles model ({@link Likelihood#model()}) with every entry of a
 * posterior file. A posterior or ratio file given here, or a likelihood file given to
 * {@link PosteriorFiles#load}, is refused naming what it holds.
 */
public final class LikelihoodFiles {

    private LikelihoodFiles() {
    }

    /** Writes the likelihood to path (atomically). */
    public static void save(Likelihood likelihood, Path path) throws IOException {
        PosteriorFiles.save(likelihood.model(), path, ModelKind.LIKELIHOOD);
    }

    /** Reads a likelihood written by {@link #save}. */
    public static Likelihood load(Path path) throws IOException {
        return new Likelihood(PosteriorFiles.load(path, ModelKind.LIKELIHOOD));
    }
}
