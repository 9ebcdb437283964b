package org.sbi4j.npe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sbi4j.data.Dataset;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.rounds.RoundMethod;
import org.sbi4j.train.TrainingReport;

/**
 * A round of NPE trained on all rounds' pairs (package-private base of amortised NPE, TSNPE
 * and APT): {@link Npe#builder(org.sbi4j.prob.Prior)} on the pairs with the round's seed (or,
 * with a warm start, from the previous round's weights and standardisation), with the standard
 * loss or, in APT's later rounds, the atomic loss ({@link NpeBuilder#runWith}). Saves
 * {@code model.sbi4j} and {@code loss.csv} (member, epoch, training and validation loss) into
 * the round's folder; loads the model with the prior's support.
 */
abstract class NpeRoundMethod implements RoundMethod<NpeRound> {

    static final String MODEL_FILE = "model.sbi4j";
    static final String LOSS_FILE = "loss.csv";

    final MethodContext context;
    private final boolean warmStart;

    NpeRoundMethod(MethodContext context) {
        this(context, false);
    }

    /** With {@code warmStart}, rounds after the first start from the previous round's model. */
    NpeRoundMethod(MethodContext context, boolean warmStart) {
        this.context = context;
        this.warmStart = warmStart;
    }

    @Override
    public NpeRound train(Input<NpeRound> input) {
        NpeBuilder b = Npe.builder(context.prior()).data(Dataset.from(input.pairs()))
                .seed(input.seed()).settings(context.settings()).threads(context.threads())
                .onEpoch(context.listener());
        NpeRound previous = input.previous();
        NpeResult r = b.runWith(new TrainingStart(warmStart && previous != null
                ? previous.posterior() : null, atoms(input.round()), !atomic()));
        return new NpeRound(r.posterior(), r.reports());
    }

    /** The atoms of APT's atomic loss in this round, 0 for the standard loss (the default). */
    int atoms(int round) {
        return 0;
    }

    /**
     * Whether some round trains with the atomic loss (APT): then no round fits the auto preset's
     * θ regression, so every round's weights live in the same standardised θ coordinates.
     */
    boolean atomic() {
        return false;
    }

    @Override
    public void save(NpeRound model, Path roundFolder) throws IOException {
        PosteriorFiles.save(model.posterior(), roundFolder.resolve(MODEL_FILE));
        if (!model.reports().isEmpty()) {
            TrainingReport.writeLossCsv(model.reports(), roundFolder.resolve(LOSS_FILE));
        }
    }

    @Override
    public NpeRound load(Path roundFolder) throws IOException {
        return new NpeRound(PosteriorFiles.load(roundFolder.resolve(MODEL_FILE))
                .withSupport(context.prior()), List.of());
    }
}
