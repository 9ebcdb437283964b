package org.sbi4j.nre;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.ResidualNet;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;

/**
 * The ratio classifier d(z_θ, z_x) (a {@link ResidualNet} on [z_θ | z_x] with one output, the
 * logit log r) together with its {@link RatioLoss}, in the shape the {@link
 * org.sbi4j.train.Trainer} trains: its "θ" is z_θ (n × dθ), its "context" z_x (n × dx).
 * {@link #lossAndGradient} is the ratio loss of the batch (not a likelihood), {@link
 * #validationLoss} each row's share of it, {@link #logProb} the logit d(θ_i, x_i) of each
 * row (log r, not a normalised density); it cannot be sampled.
 *
 * <p>Atoms: row i of a batch of n gets {@link RatioLoss#atomsPerRow()} pairs (θ', x_i); the
 * joint atoms take θ_i, each other atom a θ_j, j ≠ i, drawn uniformly from the batch, without
 * replacement within its set (as sbi's {@code _classifier_logits}; with replacement if the
 * batch is smaller than the set, θ_i itself for a batch of 1). The draws come from the
 * workspace's generator, which {@link #seedLossNoise} re-seeds at every epoch and before every
 * validation pass, so runs repeat bit for bit. The network sees at most {@link #CHUNK_ATOMS}
 * atoms at once: larger batches are evaluated in chunks (twice when training: once for the
 * logits, again for the backward pass); nothing is allocated per call.
 */
public final class RatioObjective implements ConditionalDensityEstimator {

    /** Network rows per forward pass. */
    static final int CHUNK_ATOMS = 4096;
    /** The generator's stream before the first {@link #seedLossNoise}. */
    static final long DEFAULT_NOISE = 0x5B14_0A70_0000L;

    private final ResidualNet net;
    private final RatioLoss loss;
    private final int dTheta;
    private final int dx;

    /** The classifier {@code net} (inputs dθ + dx, one output) trained with {@code loss}. */
    public RatioObjective(ResidualNet net, int dTheta, RatioLoss loss) {
        if (net == null || loss == null) {
            throw new IllegalArgumentException("a ratio objective needs a network and a loss");
        }
        if (net.outputSize() != 1 || dTheta < 1 || net.inputSize() <= dTheta) {
            throw new IllegalArgumentException("the ratio network must map dθ + dx inputs "
                    + "(dθ = " + dTheta + ", dx >= 1) to one logit, got " + net);
        }
        this.net = net;
        this.loss = loss;
        this.dTheta = dTheta;
        this.dx = net.inputSize() - dTheta;
    }

    public ResidualNet network() {
        return net;
    }

    public RatioLoss loss() {
        return loss;
    }

    @Override
    public int thetaSize() {
        return dTheta;
    }

    @Override
    public int contextSize() {
        return dx;
    }

    @Override
    public List<Param> params() {
        return net.params();
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(maxRows);
    }

    /** out[i] = d(θ_i, x_i), the logit of each row's own pair. */
    @Override
    public void logProb(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = check(theta, context, ws);
        for (int from = 0; from < n; from += ws.netRows) {
            int m = Math.min(ws.netRows, n - from);
            Matrix y = net.forward(theta.rowView(from, m), context.rowView(from, m), ws.net);
            for (int i = 0; i < m; i++) {
                out[from + i] = y.get(i, 0);
            }
        }
    }

    /** Each row's share of the ratio loss (their mean is the batch loss). */
    @Override
    public void validationLoss(Matrix theta, Matrix context, float[] out, Workspace workspace) {
        Ws ws = (Ws) workspace;
        int n = check(theta, context, ws);
        drawAtoms(n, ws);
        forwardAll(theta, context, n, ws);
        loss.lossAndGradient(ws.logits, n, null, ws.rowLoss);
        for (int i = 0; i < n; i++) {
            out[i] = (float) ws.rowLoss[i];
        }
    }

    /** The batch's ratio loss; adds its gradient to the network's parameters. */
    @Override
    public float weightedLossAndGradient(Matrix theta, Matrix context, float[] weights,
                                         Matrix gradContext, Workspace workspace) {
        if (weights != null || gradContext != null) {
            throw new UnsupportedOperationException("the ratio loss takes no row weights and "
                    + "no embedding network");
        }
        Ws ws = (Ws) workspace;
        int n = check(theta, context, ws);
        drawAtoms(n, ws);
        int chunks = forwardAll(theta, context, n, ws);
        double value = loss.lossAndGradient(ws.logits, n, ws.grad, ws.rowLoss);
        int a = loss.atomsPerRow();
        for (int from = 0; from < n; from += ws.chunkRows) {
            int m = Math.min(ws.chunkRows, n - from);
            if (chunks > 1) {
                forwardChunk(theta, context, from, m, ws);
            }
            Matrix g = ws.gradOut.setRows(m * a);
            System.arraycopy(ws.grad, from * a, g.data(), g.offset(), m * a);
            net.backward(g, ws.net);
        }
        return (float) value;
    }

    @Override
    public void seedLossNoise(long seed, Workspace workspace) {
        ((Ws) workspace).rng = SimulationStreams.streamFor(seed, DEFAULT_NOISE);
    }

    @Override
    public Samples sampleAndLogProb(int perContext, Matrix contexts, UniformRandomProvider rng,
                                    Workspace ws) {
        throw new UnsupportedOperationException("a ratio classifier is not a density and "
                + "cannot be sampled; sample its posterior by MCMC (RatioPosterior)");
    }

    /** Logits of every atom into ws.logits; returns the number of chunks. */
    private int forwardAll(Matrix theta, Matrix context, int n, Ws ws) {
        int a = loss.atomsPerRow();
        int chunks = 0;
        for (int from = 0; from < n; from += ws.chunkRows) {
            int m = Math.min(ws.chunkRows, n - from);
            Matrix y = forwardChunk(theta, context, from, m, ws);
            System.arraycopy(y.data(), y.offset(), ws.logits, from * a, m * a);
            chunks++;
        }
        return chunks;
    }

    /** The atoms of rows [from, from + m) through the network (output m·a × 1). */
    private Matrix forwardChunk(Matrix theta, Matrix context, int from, int m, Ws ws) {
        int a = loss.atomsPerRow();
        Matrix t = ws.atomTheta.setRows(m * a);
        Matrix c = ws.atomX.setRows(m * a);
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < a; k++) {
                int r = i * a + k;
                System.arraycopy(theta.data(), theta.rowOffset(ws.choice[(from + i) * a + k]),
                        t.data(), t.rowOffset(r), dTheta);
                System.arraycopy(context.data(), context.rowOffset(from + i), c.data(),
                        c.rowOffset(r), dx);
            }
        }
        return net.forward(t, c, ws.net);
    }

    /**
     * choice[i·a + k] = the θ row of atom k of row i: i for joint atoms, otherwise another
     * row, distinct within each set of atoms ({@link RatioLoss#newSet}).
     */
    private void drawAtoms(int n, Ws ws) {
        int a = loss.atomsPerRow();
        int[] ch = ws.choice;
        for (int i = 0; i < n; i++) {
            int setStart = i * a;
            for (int k = 0; k < a; k++) {
                int at = i * a + k;
                if (loss.newSet(k)) {
                    setStart = at;
                }
                if (loss.jointAtom(k) || n == 1) {
                    ch[at] = i;
                    setStart = at + 1;
                    continue;
                }
                boolean distinct = n - 1 >= at - setStart + 1;
                int j;
                do {
                    j = ws.rng.nextInt(n - 1);
                    j = j >= i ? j + 1 : j;
                } while (distinct && taken(ch, setStart, at, j));
                ch[at] = j;
            }
        }
    }

    /** Draws the atoms of a batch of n rows as a training step would (a copy; for tests). */
    int[] drawForTest(int n, Workspace workspace) {
        Ws ws = (Ws) workspace;
        drawAtoms(n, ws);
        return java.util.Arrays.copyOf(ws.choice, n * loss.atomsPerRow());
    }

    private static boolean taken(int[] ch, int from, int to, int j) {
        for (int q = from; q < to; q++) {
            if (ch[q] == j) {
                return true;
            }
        }
        return false;
    }

    private int check(Matrix theta, Matrix context, Ws ws) {
        int n = theta.rows();
        if (theta.cols() != dTheta || context.cols() != dx || context.rows() != n) {
            throw new IllegalArgumentException("the ratio classifier takes θ n×" + dTheta
                    + " and x n×" + dx + ", got " + theta.shape() + " and " + context.shape());
        }
        if (n > ws.maxRows) {
            throw new IllegalArgumentException("a batch of " + n + " rows does not fit a "
                    + "workspace of " + ws.maxRows);
        }
        return n;
    }

    private final class Ws implements Workspace {
        final int maxRows;
        final int chunkRows;
        final int netRows;
        final Layer.Workspace net;
        final Matrix atomTheta;
        final Matrix atomX;
        final Matrix gradOut;
        final float[] logits;
        final float[] grad;
        final double[] rowLoss;
        final int[] choice;
        UniformRandomProvider rng = SimulationStreams.streamFor(0, DEFAULT_NOISE);

        Ws(int maxRows) {
            if (maxRows < 1) {
                throw new IllegalArgumentException("workspace rows must be >= 1, got " + maxRows);
            }
            int a = loss.atomsPerRow();
            this.maxRows = maxRows;
            this.chunkRows = Math.min(maxRows, Math.max(1, CHUNK_ATOMS / a));
            this.netRows = Math.max(chunkRows * a, Math.min(maxRows, CHUNK_ATOMS));
            this.net = RatioObjective.this.net.workspace(netRows);
            this.atomTheta = Matrix.of(chunkRows * a, dTheta);
            this.atomX = Matrix.of(chunkRows * a, dx);
            this.gradOut = Matrix.of(chunkRows * a, 1);
            this.logits = new float[maxRows * a];
            this.grad = new float[maxRows * a];
            this.rowLoss = new double[maxRows];
            this.choice = new int[maxRows * a];
        }

        @Override
        public int maxRows() {
            return maxRows;
        }
    }
}
