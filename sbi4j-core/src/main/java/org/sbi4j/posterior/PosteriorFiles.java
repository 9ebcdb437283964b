package org.sbi4j.posterior;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.data.Standardizer;
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

    /** Writes p to path (atomically). */
    public static void save(Posterior p, Path path) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(p.spec().toProperties());
        h.put("theta.dim", Integer.toString(p.thetaDim()));
        h.put("x.shape", join(Arrays.stream(p.xShape()).asDoubleStream().toArray(), true));
        for (int j = 0; j < p.thetaDim(); j++) {
            h.put("parameter." + j + ".name", p.names().get(j));
            h.put("parameter." + j + ".lower", Double.toString(p.space().lower()[j]));
            h.put("parameter." + j + ".upper", Double.toString(p.space().upper()[j]));
        }
        h.put("standardizer.theta.mean", join(p.thetaStandardizer().mean(), false));
        h.put("standardizer.theta.std", join(p.thetaStandardizer().std(), false));
        h.put("standardizer.x.mean", join(p.xStandardizer().mean(), false));
        h.put("standardizer.x.std", join(p.xStandardizer().std(), false));
        h.put("standardizer.theta.log", logText(p.thetaStandardizer().logShifts()));
        h.put("standardizer.x.log", logText(p.xStandardizer().logShifts()));
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

    /** Reads a posterior written by {@link #save}; clear IOExceptions for foreign or damaged files. */
    public static Posterior load(Path path) throws IOException {
        ModelFile.Contents c = ModelFile.read(path);
        Map<String, String> h = c.header();
        try {
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
                    Standardizer.of(doubles(need(h, "standardizer.theta.mean")),
                            doubles(need(h, "standardizer.theta.std")))
                            .withLog(logShifts(c.version() >= 3
                                    ? need(h, "standardizer.theta.log") : "", d)),
                    Standardizer.of(doubles(need(h, "standardizer.x.mean")),
                            doubles(need(h, "standardizer.x.std")))
                            .withLog(logShifts(c.version() >= 3
                                    ? need(h, "standardizer.x.log") : "", xDim(xShape))),
                    new ParameterSpace(names, lo, hi),
                    new Provenance(need(h, "provenance.library"), seed, settings), refX,
                    reg == null ? null : ThetaRegression.fromRows(reg, d, xDim(xShape)));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + " is damaged or incomplete: " + e.getMessage(), e);
        }
    }

    /** Log-mapped columns as "j:a" pairs (v ↦ log(v − a)), comma-separated; "" for none. */
    private static String logText(double[] shift) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < shift.length; j++) {
            if (!Double.isNaN(shift[j])) {
                b.append(b.isEmpty() ? "" : ",").append(j).append(':').append(shift[j]);
            }
        }
        return b.toString();
    }

    private static double[] logShifts(String text, int d) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, Double.NaN);
        for (String t : text.isBlank() ? new String[0] : text.split(",")) {
            int colon = t.indexOf(':');
            int j = Integer.parseInt(t.substring(0, colon).trim());
            if (j < 0 || j >= d) {
                throw new IllegalArgumentException("log-mapped column " + j + " outside "
                        + d + " columns");
            }
            a[j] = Double.parseDouble(t.substring(colon + 1).trim());
        }
        return a;
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

    private static double[] doubles(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
