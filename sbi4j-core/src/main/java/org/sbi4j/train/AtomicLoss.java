package org.sbi4j.train;

import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * APT's atomic loss (Greenberg et al. 2019, "Automatic posterior transformation for
 * likelihood-free inference"; SNPE-C in sbi): for pairs (θᵢ, xᵢ) drawn from any proposal, the
 * estimator q(θ | x) is trained through the proposal posterior over a set of atoms,
 * <pre>
 *   L = −(1/n)·Σᵢ log [ exp(uᵢ₀) / Σⱼ exp(uᵢⱼ) ],   uᵢⱼ = log q(θᵢⱼ | xᵢ) − log p(θᵢⱼ),
 * </pre>
 * with atom 0 of row i its own θᵢ and atoms 1 … A−1 the θ of other rows of the batch, so that
 * q converges to the posterior under the prior p whatever the proposals were. sbi draws the
 * other atoms uniformly from the batch; here atom j of row i is row i − j (mod n) of the batch,
 * which the trainer shuffles every epoch, so the atoms are still a uniform choice of the other
 * rows for each i, with no generator needed (and the validation loss is deterministic). With a
 * batch of fewer than A rows all rows are atoms.
 *
 * <p>Gradient: dL/dlog q(θᵢⱼ | xᵢ) = (sᵢⱼ − δⱼ₀)/n with s the softmax of uᵢ over j, passed on
 * as weights to {@link ConditionalDensityEstimator#weightedLossAndGradient}; one step evaluates
 * A·n rows twice (log q, then the weighted gradient).
 */
public final class AtomicLoss implements BatchLoss {

    /** sbi's default number of atoms. */
    public static final int DEFAULT_ATOMS = 10;

    private final int atoms;
    private final BalancedLoss.LogPrior logPrior;
    private Matrix theta2;
    private Matrix x2;
    private float[] logQ;
    private double[] logP;
    private float[] weights;

    private AtomicLoss(int atoms, BalancedLoss.LogPrior logPrior) {
        this.atoms = atoms;
        this.logPrior = logPrior;
    }

    /** The loss with A ≥ 2 atoms per row and the prior log p (in the trained coordinates). */
    public static AtomicLoss of(int atoms, BalancedLoss.LogPrior logPrior) {
        if (atoms < 2) {
            throw new IllegalArgumentException("the atomic loss needs at least 2 atoms, got "
                    + atoms);
        }
        if (logPrior == null) {
            throw new IllegalArgumentException("the atomic loss needs the prior's log-density");
        }
        return new AtomicLoss(atoms, logPrior);
    }

    public int atoms() {
        return atoms;
    }

    @Override
    public int workspaceRows(int n) {
        return atoms * n;
    }

    @Override
    public boolean validates() {
        return true;
    }

    @Override
    public float lossAndGradient(ConditionalDensityEstimator estimator, Matrix theta, Matrix x,
                                 ConditionalDensityEstimator.Workspace ws) {
        int n = theta.rows();
        int a = Math.min(atoms, n);
        double loss = evaluate(estimator, theta, x, ws, true);
        estimator.weightedLossAndGradient(theta2.setRows(a * n), x2.setRows(a * n), weights,
                null, ws);
        return (float) loss;
    }

    @Override
    public Double loss(ConditionalDensityEstimator estimator, Matrix theta, Matrix x,
                       ConditionalDensityEstimator.Workspace ws) {
        return evaluate(estimator, theta, x, ws, false);
    }

    /** The mean loss of the batch; with {@code gradient}, the weights of its gradient too. */
    private double evaluate(ConditionalDensityEstimator estimator, Matrix theta, Matrix x,
                            ConditionalDensityEstimator.Workspace ws, boolean gradient) {
        int n = theta.rows();
        int a = Math.min(atoms, n);
        ensure(a * n, theta.cols(), x.cols());
        Matrix t2 = theta2.setRows(a * n);
        Matrix c2 = x2.setRows(a * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < a; j++) {
                int row = i * a + j;
                System.arraycopy(theta.data(), theta.rowOffset((i - j + n) % n), t2.data(),
                        t2.rowOffset(row), theta.cols());
                System.arraycopy(x.data(), x.rowOffset(i), c2.data(), c2.rowOffset(row),
                        x.cols());
            }
        }
        estimator.logProb(t2, c2, logQ, ws);
        logPrior.logProb(t2, logP);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int o = i * a;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < a; j++) {
                logP[o + j] = logQ[o + j] - logP[o + j]; // from here on: u of row i, atom j
                max = Math.max(max, logP[o + j]);
            }
            double z = 0;
            for (int j = 0; j < a; j++) {
                z += Math.exp(logP[o + j] - max);
            }
            double lse = max + Math.log(z);
            sum += lse - logP[o];
            if (gradient) {
                for (int j = 0; j < a; j++) {
                    double s = Math.exp(logP[o + j] - lse);
                    weights[o + j] = (float) (((j == 0 ? 1.0 : 0.0) - s) / n);
                }
            }
        }
        return sum / n;
    }

    private void ensure(int rows, int thetaDim, int xDim) {
        if (theta2 == null || theta2.capacityRows() < rows || theta2.cols() != thetaDim
                || x2.cols() != xDim) {
            theta2 = Matrix.of(rows, thetaDim);
            x2 = Matrix.of(rows, xDim);
            logQ = new float[rows];
            logP = new double[rows];
            weights = new float[rows];
        }
    }
}
