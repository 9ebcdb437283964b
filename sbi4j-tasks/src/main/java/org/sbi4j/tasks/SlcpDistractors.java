package org.sbi4j.tasks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.sim.Simulator;

/**
 * slcp_distractors (θ: 5, x: 100): the 8 slcp values plus 92 θ-independent "distractors" from
 * a fixed mixture of 20 multivariate Student-t distributions (df 2), permuted by a fixed index.
 *
 * <p>Distractor draw: component c with the stored weights, z ~ N(0, I₉₂), w ~ χ²(2),
 * noise = loc_c + L_c z √(2/w) (cast to float32). With v = [slcp values, noise] the output is
 * x[i] = v[perm[i]]. All constants are sbibm's task files (generated with numpy seed 42). The
 * posterior equals slcp's, so true parameters and reference samples are read from slcp.
 */
public final class SlcpDistractors implements Simulator {

    static final int NOISE_DIM = 92;
    static final int X_DIM = 100;
    private static final String DIR = "/sbibm/slcp_distractors/task_files/";

    private final Slcp slcp = new Slcp();
    private final double[][] loc;       // [component][92]
    private final double[][] scaleTril; // [component][row * 92 + col], lower triangle
    private final double[] cumulativeWeights;
    private final int[] perm;           // x[i] = v[perm[i]]

    /** Uses the mixture and permutation from the task files on the classpath (read once). */
    public SlcpDistractors() {
        this.loc = Files.INSTANCE.loc;
        this.scaleTril = Files.INSTANCE.scaleTril;
        this.cumulativeWeights = Files.INSTANCE.cumulativeWeights;
        this.perm = Files.INSTANCE.perm;
    }

    /** The task files, parsed once on first use (immutable after construction). */
    private static final class Files {
        static final Files INSTANCE = new Files();

        final double[][] loc;
        final double[][] scaleTril;
        final double[] cumulativeWeights;
        final int[] perm;

        private Files() {
            double[][] l = TaskResources.readCsv(DIR + "distractor_loc.csv");
            double[][] w = TaskResources.readCsv(DIR + "distractor_mixture_weights.csv");
            double[][] tril = TaskResources.readCsv(DIR + "distractor_scale_tril.csv.gz");
            double[][] p = TaskResources.readCsv(DIR + "permutation_idx.csv");
            int comps = l.length;
            if (w.length != comps || p.length != X_DIM || l[0].length != NOISE_DIM) {
                throw new IllegalStateException("slcp_distractors task files have unexpected shapes");
            }
            loc = l;
            cumulativeWeights = new double[comps];
            double total = 0;
            for (int c = 0; c < comps; c++) {
                total += w[c][1];           // columns: component, prob, logit, df
                cumulativeWeights[c] = total;
            }
            scaleTril = new double[comps][NOISE_DIM * NOISE_DIM];
            for (double[] e : tril) {       // columns: component, row, col, value
                scaleTril[(int) e[0]][(int) e[1] * NOISE_DIM + (int) e[2]] = e[3];
            }
            perm = new int[X_DIM];
            for (double[] e : p) {          // columns: output_index, source_index
                perm[(int) e[0]] = (int) e[1];
            }
        }
    }

    /** The sbibm task (reference samples and true parameters shared with slcp). */
    public static Task task() {
        return new SbibmTask("slcp_distractors", Slcp.prior(), new SlcpDistractors(), "slcp");
    }

    /** Output position of informative slcp value j (0..7). */
    int outputPositionOf(int source) {
        for (int i = 0; i < X_DIM; i++) {
            if (perm[i] == source) {
                return i;
            }
        }
        throw new IllegalArgumentException("source index " + source + " not in the permutation");
    }

    @Override
    public int thetaDim() {
        return 5;
    }

    @Override
    public int xDim() {
        return X_DIM;
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x, int xOff) {
        float[] v = new float[X_DIM];
        slcp.simulate(theta, thetaOff, rng, v, 0);
        double u = rng.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        int c = 0;
        while (c < cumulativeWeights.length - 1 && u >= cumulativeWeights[c]) {
            c++;
        }
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[NOISE_DIM];
        for (int k = 0; k < NOISE_DIM; k++) {
            z[k] = g.sample();
        }
        // w ~ χ²(2) = 2 E with E ~ Exp(1), so √(2/w) = 1/√E
        double scale = 1 / Math.sqrt(ZigguratSampler.Exponential.of(rng).sample());
        double[] lc = scaleTril[c];
        for (int i = 0; i < NOISE_DIM; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += lc[i * NOISE_DIM + k] * z[k];
            }
            v[slcp.xDim() + i] = (float) (loc[c][i] + s * scale);
        }
        for (int i = 0; i < X_DIM; i++) {
            x[xOff + i] = v[perm[i]];
        }
    }
}
