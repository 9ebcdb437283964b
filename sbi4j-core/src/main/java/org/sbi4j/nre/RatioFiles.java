package org.sbi4j.nre;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.data.Standardizer;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.ResidualNet;
import org.sbi4j.posterior.ModelFile;
import org.sbi4j.posterior.ModelKind;
import org.sbi4j.posterior.ModelWeights;
import org.sbi4j.posterior.Provenance;
import org.sbi4j.posterior.StandardizerHeader;
import org.sbi4j.train.TrainingConfig;

/**
 * Saves and loads {@link RatioEstimator}s as model files of kind {@link ModelKind#RATIO}
 * (format 5 on). Header: {@code theta.dim}, {@code x.dim}, the classifier
 * ({@code ratio.hidden}, {@code ratio.blocks}, {@code ratio.activation}), its loss
 * ({@code ratio.loss} = contrastive with {@code ratio.loss.classes} and {@code ratio.loss.gamma},
 * or balanced with {@code ratio.loss.lambda}), the z-scorings {@code standardizer.theta.*} and
 * {@code standardizer.x.*} ({@link StandardizerHeader}), the library version, seed and the
 * training settings as text ({@code setting.training}, for people: a loaded estimator is not
 * trained further, so its config carries sbi's training settings). Arrays: the network's
 * parameters by name ({@link ModelWeights}).
 */
public final class RatioFiles {

    private RatioFiles() {
    }

    /** Writes the estimator, trained with this seed, to path (atomically). */
    public static void save(RatioEstimator r, Path path, long seed) throws IOException {
        NreConfig c = r.config();
        Map<String, String> h = new LinkedHashMap<>();
        h.put(ModelKind.KEY, ModelKind.RATIO.text());
        h.put("theta.dim", Integer.toString(r.thetaDim()));
        h.put("x.dim", Integer.toString(r.xDim()));
        h.put("ratio.hidden", Integer.toString(c.hidden()));
        h.put("ratio.blocks", Integer.toString(c.blocks()));
        h.put("ratio.activation", c.activation().name());
        switch (c.loss()) {
            case RatioLoss.Contrastive k -> {
                h.put("ratio.loss", "contrastive");
                h.put("ratio.loss.classes", Integer.toString(k.classes()));
                h.put("ratio.loss.gamma", Double.toString(k.gamma()));
            }
            case RatioLoss.Balanced b -> {
                h.put("ratio.loss", "balanced");
                h.put("ratio.loss.lambda", Double.toString(b.lambda()));
            }
        }
        StandardizerHeader.put(h, "standardizer.theta", r.thetaStandardizer());
        StandardizerHeader.put(h, "standardizer.x", r.xStandardizer());
        h.put("provenance.library", Provenance.LIBRARY_VERSION);
        h.put("provenance.seed", Long.toString(seed));
        h.put("setting.training", c.training().toString());
        ModelFile.write(path, h, ModelWeights.arrays(r.network().params()));
    }

    /** Reads an estimator written by {@link #save}; clear IOExceptions for other files. */
    public static RatioEstimator load(Path path) throws IOException {
        ModelFile.Contents c = ModelFile.read(path);
        Map<String, String> h = c.header();
        try {
            ModelKind.RATIO.check(path, c.kind());
            int dTheta = Integer.parseInt(StandardizerHeader.need(h, "theta.dim"));
            int dx = Integer.parseInt(StandardizerHeader.need(h, "x.dim"));
            NreConfig config = NreConfig.of(loss(h)).withTraining(TrainingConfig.SBI)
                    .withNetwork(Integer.parseInt(StandardizerHeader.need(h, "ratio.hidden")),
                            Integer.parseInt(StandardizerHeader.need(h, "ratio.blocks")),
                            Activation.valueOf(StandardizerHeader.need(h, "ratio.activation")));
            Standardizer zTheta = StandardizerHeader.read(h, "standardizer.theta", c.version(),
                    dTheta);
            Standardizer zX = StandardizerHeader.read(h, "standardizer.x", c.version(), dx);
            // the weights are all overwritten: any generator builds the architecture
            ResidualNet net = config.buildNetwork(dTheta, dx,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
            try {
                ModelWeights.load(net.params(), c.arrays(), c.version());
            } catch (IOException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
            return new RatioEstimator(net, zTheta, zX, config);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + " is damaged or incomplete: " + e.getMessage(), e);
        }
    }

    private static RatioLoss loss(Map<String, String> h) {
        String kind = StandardizerHeader.need(h, "ratio.loss");
        return switch (kind) {
            case "contrastive" -> RatioLoss.Contrastive.of(
                    Integer.parseInt(StandardizerHeader.need(h, "ratio.loss.classes")),
                    Double.parseDouble(StandardizerHeader.need(h, "ratio.loss.gamma")));
            case "balanced" -> RatioLoss.Balanced.of(
                    Double.parseDouble(StandardizerHeader.need(h, "ratio.loss.lambda")));
            default -> throw new IllegalArgumentException("unknown ratio.loss '" + kind
                    + "' (contrastive or balanced)");
        };
    }
}
