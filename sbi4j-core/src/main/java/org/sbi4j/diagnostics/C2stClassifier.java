package org.sbi4j.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.kernels.Kernels;
import org.sbi4j.nn.ActivationLayer;
import org.sbi4j.nn.Dense;
import org.sbi4j.nn.Init;
import org.sbi4j.nn.Layer;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.nn.Sequential;
import org.sbi4j.optim.Adam;
import org.sbi4j.optim.AdamConfig;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.tensor.Ops;

/**
 * One fold of C2ST: scikit-learn's {@code MLPClassifier} (binary, Adam solver) rebuilt on the
 * project's layers, as sbibm configures it. Package-private; see {@link C2st}.
 *
 * <p>Network: d → h → h → 1 with ReLU after each hidden layer, logistic output, h = 10·d.
 * Initialisation as sklearn's {@code _init_coef}: weights <em>and</em> biases ~ U(−a, a),
 * a = √(6/(fan_in + fan_out)) (Glorot uniform, factor 6 because the hidden activation is ReLU).
 * Per minibatch of size b the loss is sklearn's: mean binary cross-entropy
 * + α/(2b)·Σ‖W‖² over weight matrices (not biases), so dL/dW gets + (α/b)·W. Epoch loss =
 * Σ batch loss·b / n. Stopping: an epoch whose loss is not below best − tol increments a counter
 * (reset otherwise); training stops when the counter exceeds {@code patience} (sklearn's
 * {@code n_iter_no_change}) or after {@code maxEpochs}. Rows are reshuffled every epoch.
 * Adam: {@link Adam} with sklearn's constants (its ε sits inside the bias correction, which for
 * ε = 1e-8 makes no practical difference).
 */
final class C2stClassifier {

    private final C2st.Config cfg;
    private final Sequential net;
    private final List<Param> weights = new ArrayList<>();
    private final Kernels k = Ops.kernels();
    private int epochs;

    C2stClassifier(int d, C2st.Config cfg, UniformRandomProvider rng) {
        this(d, cfg, Activation.RELU, rng);
    }

    /** With another hidden activation (tests use a smooth one for finite differences). */
    C2stClassifier(int d, C2st.Config cfg, Activation hidden, UniformRandomProvider rng) {
        this.cfg = cfg;
        int h = cfg.hiddenPerDim() * d;
        List<Layer> layers = new ArrayList<>();
        int[] sizes = {d, h, h, 1};
        for (int l = 0; l < 3; l++) {
            Dense dense = Dense.of("dense" + l, sizes[l], sizes[l + 1], Init.GLOROT_UNIFORM, rng);
            Matrix b = dense.bias().value();
            double a = Init.GLOROT_UNIFORM.bound(sizes[l], sizes[l + 1]);
            for (int j = 0; j < b.cols(); j++) {
                b.set(0, j, (float) ((2 * rng.nextDouble() - 1) * a));
            }
            layers.add(dense);
            weights.add(dense.weight());
            if (l < 2) {
                layers.add(ActivationLayer.of(hidden, sizes[l + 1]));
            }
        }
        net = Sequential.of(layers);
    }

    /** Epochs run by the last {@link #fit}. */
    int epochs() {
        return epochs;
    }

    /**
     * Trains on x (n×d) with labels y ∈ {0, 1}.
     *
     * @return the per-epoch training loss curve (length = epochs run)
     */
    double[] fit(Matrix x, float[] y, UniformRandomProvider rng) {
        int n = x.rows();
        int d = x.cols();
        int bs = Math.min(cfg.batchSize(), n);
        Adam adam = Adam.of(net.params(), AdamConfig.defaults().withLearningRate(cfg.learningRate()));
        Layer.Workspace ws = net.workspace(bs);
        Matrix xb = Matrix.of(bs, d);
        Matrix grad = Matrix.of(bs, 1);
        float[] yb = new float[bs];
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double[] curve = new double[Math.min(cfg.maxEpochs(), 1024)];
        double best = Double.POSITIVE_INFINITY;
        int noImprovement = 0;
        epochs = 0;
        while (epochs < cfg.maxEpochs()) {
            shuffle(perm, rng);
            double total = 0;
            for (int start = 0; start < n; start += bs) {
                int b = Math.min(bs, n - start);
                xb.setRows(b);
                grad.setRows(b);
                for (int r = 0; r < b; r++) {
                    int src = perm[start + r];
                    System.arraycopy(x.data(), x.rowOffset(src), xb.data(), r * d, d);
                    yb[r] = y[src];
                }
                total += step(xb, yb, grad, ws, adam) * b;
            }
            double loss = total / n;
            if (epochs == curve.length) {
                curve = java.util.Arrays.copyOf(curve, 2 * curve.length);
            }
            curve[epochs++] = loss;
            noImprovement = loss > best - cfg.tol() ? noImprovement + 1 : 0;
            best = Math.min(best, loss);
            if (noImprovement > cfg.patience()) {
                break;
            }
        }
        return java.util.Arrays.copyOf(curve, epochs);
    }

    /** One Adam step on a minibatch; returns the minibatch loss (with the L2 term). */
    private double step(Matrix xb, float[] yb, Matrix grad, Layer.Workspace ws, Adam adam) {
        double loss = lossAndGradient(xb, yb, grad, ws);
        adam.step();
        return loss;
    }

    /** A workspace of the network for batches of up to maxRows. */
    Layer.Workspace workspace(int maxRows) {
        return net.workspace(maxRows);
    }

    /** The network's parameters (weights and biases, layer order). */
    List<Param> params() {
        return net.params();
    }

    /**
     * sklearn's minibatch loss mean BCE + α/(2b)·Σ‖W‖² at the current weights, leaving its
     * gradient in the parameters' grads (zeroed first). grad is b×1 scratch.
     */
    double lossAndGradient(Matrix xb, float[] yb, Matrix grad, Layer.Workspace ws) {
        int b = xb.rows();
        Params.zeroGrad(net.params());
        Matrix z = net.forward(xb, ws);
        double loss = 0;
        float[] zd = z.data();
        float[] g = grad.data();
        for (int i = 0; i < b; i++) {
            double zi = zd[z.rowOffset(i)];
            // BCE with logits: softplus(z) − y·z; d/dz = σ(z) − y
            loss += Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi))) - yb[i] * zi;
            g[grad.rowOffset(i)] = (float) ((1 / (1 + Math.exp(-zi)) - yb[i]) / b);
        }
        loss /= b;
        net.backward(grad, ws);
        double sq = 0;
        float decay = (float) (cfg.alpha() / b);
        for (Param w : weights) {
            Matrix v = w.value();
            sq += k.dot(v.size(), v.data(), v.offset(), v.data(), v.offset());
            k.axpy(v.size(), decay, v.data(), v.offset(), w.grad().data(), w.grad().offset());
        }
        return loss + cfg.alpha() / (2.0 * b) * sq;
    }

    /** Share of rows whose predicted class (logit &gt; 0 ⇔ p &gt; ½) equals the label. */
    double accuracy(Matrix x, float[] y) {
        int chunk = Math.min(cfg.batchSize(), x.rows());
        Layer.Workspace ws = net.workspace(chunk);
        int correct = 0;
        for (int start = 0; start < x.rows(); start += chunk) {
            int b = Math.min(chunk, x.rows() - start);
            Matrix z = net.forward(x.rowView(start, b), ws);
            for (int i = 0; i < b; i++) {
                int predicted = z.get(i, 0) > 0 ? 1 : 0;
                correct += predicted == (int) y[start + i] ? 1 : 0;
            }
        }
        return (double) correct / x.rows();
    }

    /** The predicted probability of class 1 for every row of x. */
    double[] probabilities(Matrix x) {
        int chunk = Math.min(cfg.batchSize(), x.rows());
        Layer.Workspace ws = net.workspace(chunk);
        double[] p = new double[x.rows()];
        for (int start = 0; start < x.rows(); start += chunk) {
            int b = Math.min(chunk, x.rows() - start);
            Matrix z = net.forward(x.rowView(start, b), ws);
            for (int i = 0; i < b; i++) {
                p[start + i] = 1 / (1 + Math.exp(-z.get(i, 0)));
            }
        }
        return p;
    }

    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
