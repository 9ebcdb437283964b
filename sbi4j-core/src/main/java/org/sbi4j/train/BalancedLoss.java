package org.sbi4j.train;

import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.tensor.Matrix;

/**
 * The balanced NPE loss (Delaunoy et al. 2023, "Balancing simulation-based inference for
 * conservative posteriors"): the mean negative log-likelihood plus a penalty that pushes the
 * implied classifier d(θ, x) = σ(log q(θ | x) − log p(θ)) towards balance,
 * <pre>
 *   L = −(1/n)·Σᵢ log q(θᵢ | xᵢ) + λ·(S − 1)²,
 *   S = (1/n)·Σᵢ d(θᵢ, xᵢ) + (1/n)·Σᵢ d(θ'ᵢ, xᵢ),    θ'ᵢ = θ_{i−1 mod n}
 * </pre>
 * where the pairs (θ'ᵢ, xᵢ) are drawn from the product of the marginals by shifting θ one row
 * (as lampe's {@code BNPELoss}). A balanced classifier is conservative: its posteriors cover at
 * least their nominal mass, which guards against the over-confidence of plain NPE at small
 * budgets (Hermans et al. 2022); measured on two moons at 10,000 simulations it helps some
 * networks and not others (docs/benchmarks.md, "Calibration of NPE"). One step evaluates 2n
 * rows twice (log q first, then the weighted gradient): 1.5–2.3× the time of a plain epoch.
 *
 * <p>Gradient: with c = 2λ(S − 1)/n, dL/dlog q = −1/n + c·d(1 − d) on the joint rows and
 * c·d(1 − d) on the shifted ones, passed on as weights to
 * {@link ConditionalDensityEstimator#weightedLossAndGradient}.
 */
public final class BalancedLoss implements BatchLoss {

    /** log p(θ) of the n rows of θ in the coordinates the estimator is trained in. */
    @FunctionalInterface
    public interface LogPrior {
        void logProb(Matrix theta, double[] out);
    }

    private final double lambda;
    private final LogPrior logPrior;
    private Matrix theta2;
    private Matrix x2;
    private float[] logQ;
    private double[] logP;
    private float[] weights;

    private BalancedLoss(double lambda, LogPrior logPrior) {
        this.lambda = lambda;
        this.logPrior = logPrior;
    }

    /** The loss with penalty weight λ &gt; 0 (the paper's default is 100) and the prior log p. */
    public static BalancedLoss of(double lambda, LogPrior logPrior) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("the balance weight must be positive and finite, got "
                    + lambda);
        }
        if (logPrior == null) {
            throw new IllegalArgumentException("balanced NPE needs the prior's log-density");
        }
        return new BalancedLoss(lambda, logPrior);
    }

    public double lambda() {
        return lambda;
    }

    /** Rows of the estimator workspace one step needs for batches of n rows: 2n. */
    @Override
    public int workspaceRows(int n) {
        return 2 * n;
    }

    /** The loss of the batch; adds its gradient to the estimator's parameters. */
    @Override
    public float lossAndGradient(ConditionalDensityEstimator estimator, Matrix theta, Matrix x,
                          ConditionalDensityEstimator.Workspace ws) {
        int n = theta.rows();
        ensure(n, theta.cols(), x.cols());
        Matrix t2 = theta2.setRows(2 * n);
        Matrix c2 = x2.setRows(2 * n);
        for (int i = 0; i < n; i++) {
            int shifted = i == 0 ? n - 1 : i - 1;
            System.arraycopy(theta.data(), theta.rowOffset(i), t2.data(), t2.rowOffset(i),
                    theta.cols());
            System.arraycopy(theta.data(), theta.rowOffset(shifted), t2.data(),
                    t2.rowOffset(n + i), theta.cols());
            System.arraycopy(x.data(), x.rowOffset(i), c2.data(), c2.rowOffset(i), x.cols());
            System.arraycopy(x.data(), x.rowOffset(i), c2.data(), c2.rowOffset(n + i), x.cols());
        }
        estimator.logProb(t2, c2, logQ, ws);
        logPrior.logProb(t2, logP);
        double sum = 0;
        double nll = 0;
        for (int i = 0; i < 2 * n; i++) {
            logP[i] = classifier(logQ[i], logP[i]); // from here on: d of row i
            sum += logP[i];
            nll -= i < n ? logQ[i] : 0;
        }
        double s = sum / n;
        double c = 2 * lambda * (s - 1) / n;
        for (int i = 0; i < 2 * n; i++) {
            double d = logP[i];
            weights[i] = (float) ((i < n ? 1.0 / n : 0.0) - c * d * (1 - d));
        }
        estimator.weightedLossAndGradient(t2, c2, weights, null, ws);
        return (float) (nll / n + lambda * (s - 1) * (s - 1));
    }

    /** d = σ(log q − log p); 1 where the prior density is 0 (log p = −∞). */
    private static double classifier(double logQ, double logP) {
        double u = logQ - logP;
        return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
    }

    private void ensure(int n, int thetaDim, int xDim) {
        if (theta2 == null || theta2.capacityRows() < 2 * n || theta2.cols() != thetaDim
                || x2.cols() != xDim) {
            theta2 = Matrix.of(2 * n, thetaDim);
            x2 = Matrix.of(2 * n, xDim);
            logQ = new float[2 * n];
            logP = new double[2 * n];
            weights = new float[2 * n];
        }
    }
}
