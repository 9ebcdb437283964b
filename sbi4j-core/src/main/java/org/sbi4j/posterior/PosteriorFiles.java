package org.sbi4j.posterior;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.data.ThetaRegression;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * Saves and loads {@link Posterior}s as {@link ModelFile}s. The estimator is rebuilt from its
 * {@link EstimatorSpec} with {@link EstimatorSpec#buildRng(long)} of the provenance seed (so
 * random permutations and masks match), then its weights are loaded: by parameter name and
 * shape (format 2, written), or in parameter order (format 1, read).
 */
public final class PosteriorFiles {

    /** The array of the linear θ regression on x (format 4; absent when none was fitted). */
    static final String REGRESSION = "theta_regression";

    private PosteriorFiles() {
    }

    /** Writes p to path (atomically) as a {@link ModelKind#POSTERIOR}. */
    public static void save(Posterior p, Path path) throws IOException {
        save(p, path, ModelKind.POSTERIOR);
    }

    /**
     * Writes p to path (atomically) as a model of the given kind: a {@link
     * ModelKind#LIKELIHOOD} is a posterior object with the roles of θ and x swapped
     * ({@code org.sbi4j.nle.Likelihood}).
     */
    public static void save(Posterior p, Path path, ModelKind kind) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(p.spec().toProperties());
        h.put(ModelKind.KEY, kind.text());
        h.put("theta.dim", Integer.toString(p.thetaDim()));
        h.put("x.shape", join(Arrays.stream(p.xShape()).asDoubleStream().toArray(), true));
        for (int j = 0; j < p.thetaDim(); j++) {
            h.put("parameter." + j + ".name", p.names().get(j));
            h.put("parameter." + j + ".lower", Double.toString(p.space().lower()[j]));
            h.put("parameter." + j + ".upper", Double.toString(p.space().upper()[j]));
        }
        StandardizerHeader.put(h, "standardizer.theta", p.thetaStandardizer());
        StandardizerHeader.put(h, "standardizer.x", p.xStandardizer());
        h.put("provenance.library", p.provenance().libraryVersion());
        h.put("provenance.seed", Long.toString(p.provenance().seed()));
        p.provenance().settings().forEach((k, v) -> h.put("setting." + k, v));
        Map<String, float[][]> arrays = new LinkedHashMap<>(
                ModelWeights.arrays(p.estimator().params()));
        if (p.referenceX() != null) {
            Matrix r = p.referenceX();
            float[][] rows = new float[r.rows()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r.row(i);
            }
            arrays.put("reference_x", rows);
        }
        if (p.thetaRegression() != null) {
            arrays.put(REGRESSION, p.thetaRegression().toRows());
        }
        ModelFile.write(path, h, arrays);
    }

    /**
     * Reads a posterior written by {@link #save}; clear IOExceptions for foreign or damaged
     * files and for model files of another {@link ModelKind} (naming what they hold).
     */
    public static Posterior load(Path path) throws IOException {
        return load(path, ModelKind.POSTERIOR);
    }

    /** Reads a model of the given kind written by {@link #save(Posterior, Path, ModelKind)}. */
    public static Posterior load(Path path, ModelKind kind) throws IOException {
        ModelFile.Contents c = ModelFile.read(path);
        Map<String, String> h = c.header();
        try {
            kind.check(path, c.kind());
            EstimatorSpec spec = c.version() == 1 ? FormatOne.spec(h)
                    : EstimatorSpec.fromProperties(h);
            int d = Integer.parseInt(need(h, "theta.dim"));
            int[] xShape = Arrays.stream(need(h, "x.shape").split(","))
                    .mapToInt(Integer::parseInt).toArray();
            List<String> names = new ArrayList<>();
            double[] lo = new double[d];
            double[] hi = new double[d];
            for (int j = 0; j < d; j++) {
                names.add(need(h, "parameter." + j + ".name"));
                lo[j] = Double.parseDouble(need(h, "parameter." + j + ".lower"));
                hi[j] = Double.parseDouble(need(h, "parameter." + j + ".upper"));
            }
            long seed = Long.parseLong(need(h, "provenance.seed"));
            Map<String, String> settings = new LinkedHashMap<>();
            h.forEach((k, v) -> {
                if (k.startsWith("setting.")) {
                    settings.put(k.substring("setting.".length()), v);
                }
            });
            ConditionalDensityEstimator est = spec.build(d, xShape, EstimatorSpec.buildRng(seed));
            try {
                ModelWeights.load(est.params(), c.arrays(), c.version());
            } catch (IOException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
            float[][] ref = c.arrays().get("reference_x");
            Matrix refX = ref == null ? null : Matrix.fromRows(ref);
            float[][] reg = c.version() >= 4 ? c.arrays().get(REGRESSION) : null;
            return new Posterior(est, spec, xShape,
                    StandardizerHeader.read(h, "standardizer.theta", c.version(), d),
                    StandardizerHeader.read(h, "standardizer.x", c.version(), xDim(xShape)),
                    new ParameterSpace(names, lo, hi),
                    new Provenance(need(h, "provenance.library"), seed, settings), refX,
                    reg == null ? null : ThetaRegression.fromRows(reg, d, xDim(xShape)));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + " is damaged or incomplete: " + e.getMessage(), e);
        }
    }

    private static int xDim(int[] xShape) {
        int d = 1;
        for (int s : xShape) {
            d *= s;
        }
        return d;
    }

    private static String need(Map<String, String> h, String key) {
        String v = h.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing entry '" + key + "'");
        }
        return v;
    }

    private static String join(double[] v, boolean asInt) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(asInt ? Long.toString((long) v[i])
                    : Double.toString(v[i]));
        }
        return sb.toString();
    }
}
