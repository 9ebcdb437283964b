package org.sbi4j.nre;

/**
 * The training loss of a ratio classifier d(θ, x) = log r(x, θ), evaluated on a batch of n
 * pairs (θ_i, x_i) from the joint, each with {@link #atomsPerRow()} logits of (θ', x_i) pairs
 * whose θ' are the row's own θ_i or contrastive θ_j (j ≠ i) from other rows of the batch.
 *
 * <p>Layout: {@code logits[i·a + m]} is atom m of row i (a = atomsPerRow); {@link
 * #jointAtom(int)} says which atoms hold θ_i itself (the others hold contrastive θ).
 * {@link #lossAndGradient} returns the batch mean, writes dLoss/dlogit into {@code grad} (same
 * layout; skipped when null) and each row's share of the loss into {@code rowLoss} (their
 * mean is the loss). Both variants reach their optimum at d(θ, x) = log p(x | θ)/p(x).
 */
public sealed interface RatioLoss permits RatioLoss.Contrastive, RatioLoss.Balanced {

    /** Logits per row of the batch. */
    int atomsPerRow();

    /** Whether atom m of a row is the row's own θ (a joint pair). */
    boolean jointAtom(int m);

    /**
     * Whether atom m starts a new set: the contrastive θ of one set are distinct rows (NRE-C's
     * joint and marginal sets are drawn apart).
     */
    default boolean newSet(int m) {
        return m == 0;
    }

    /** The batch's mean loss; see the interface's description for the arrays. */
    double lossAndGradient(float[] logits, int n, float[] grad, double[] rowLoss);

    /**
     * NRE-C (Miller et al. 2022, "Contrastive neural ratio estimation"; sbi's {@code NRE_C}):
     * a (K+1)-way classification of which of K candidate θ, if any, was drawn jointly with
     * x_i. Each row has two sets of K logits, drawn afresh: the joint set
     * ℓ^J = d(θ_i, x_i), d(c_1, x_i) … d(c_{K−1}, x_i) (atoms 0 … K−1) and the marginal set
     * ℓ^M_k = d(c'_k, x_i), k = 1 … K (atoms K … 2K−1), every c, c' another row's θ. With
     * Z(ℓ) = log(K + γ·Σ_k exp ℓ_k),
     * <pre>
     *   loss_i = −p_M·(log K − Z(ℓ^M)) − p_J·(log γ + ℓ^J_0 − Z(ℓ^J)),
     *   p_M = 1/(1 + γ),  p_J = γ/(1 + γ)
     * </pre>
     * Gradient with the softmax s_k = γ·exp ℓ_k / exp Z: dloss/dℓ^M_k = p_M·s^M_k,
     * dloss/dℓ^J_0 = −p_J·(1 − s^J_0), dloss/dℓ^J_k = p_J·s^J_k (k ≥ 1); all over n for the
     * batch mean.
     *
     * @param classes K ≥ 2 (sbi: 5)
     * @param gamma   γ &gt; 0, the odds of the joint class against the marginal one (sbi: 1)
     */
    record Contrastive(int classes, double gamma) implements RatioLoss {

        public Contrastive {
            if (classes < 2) {
                throw new IllegalArgumentException("NRE-C needs num_classes K >= 2, got "
                        + classes);
            }
            if (!(gamma > 0) || Double.isInfinite(gamma)) {
                throw new IllegalArgumentException("NRE-C needs gamma > 0 and finite, got "
                        + gamma);
            }
        }

        /** K = 5, γ = 1 (sbi's defaults). */
        public static Contrastive defaults() {
            return new Contrastive(5, 1.0);
        }

        /** The validating factory. */
        public static Contrastive of(int classes, double gamma) {
            return new Contrastive(classes, gamma);
        }

        @Override
        public int atomsPerRow() {
            return 2 * classes;
        }

        @Override
        public boolean jointAtom(int m) {
            return m == 0;
        }

        @Override
        public boolean newSet(int m) {
            return m == 0 || m == classes;
        }

        @Override
        public double lossAndGradient(float[] logits, int n, float[] grad, double[] rowLoss) {
            int k = classes;
            double logGamma = Math.log(gamma);
            double logK = Math.log(k);
            double pJ = gamma / (1 + gamma);
            double pM = 1 / (1 + gamma);
            double total = 0;
            for (int i = 0; i < n; i++) {
                int joint = i * 2 * k;
                int marg = joint + k;
                double zJ = logNormaliser(logits, joint, k, logGamma, logK);
                double zM = logNormaliser(logits, marg, k, logGamma, logK);
                double loss = -pM * (logK - zM) - pJ * (logGamma + logits[joint] - zJ);
                rowLoss[i] = loss;
                total += loss;
                if (grad != null) {
                    for (int m = 0; m < k; m++) {
                        double sJ = Math.exp(logGamma + logits[joint + m] - zJ);
                        double sM = Math.exp(logGamma + logits[marg + m] - zM);
                        grad[joint + m] = (float) (pJ * (m == 0 ? sJ - 1 : sJ) / n);
                        grad[marg + m] = (float) (pM * sM / n);
                    }
                }
            }
            return total / n;
        }

        /** log(K + γ·Σ_m exp ℓ_{from+m}), m &lt; k, stably. */
        private static double logNormaliser(float[] l, int from, int k, double logGamma,
                                            double logK) {
            double max = logK;
            for (int m = 0; m < k; m++) {
                max = Math.max(max, logGamma + l[from + m]);
            }
            double s = Math.exp(logK - max);
            for (int m = 0; m < k; m++) {
                s += Math.exp(logGamma + l[from + m] - max);
            }
            return max + Math.log(s);
        }
    }

    /**
     * Balanced NRE (Delaunoy et al. 2022, "Towards reliable simulation-based inference with
     * balanced neural ratio estimation"; sbi's {@code BNRE}): binary cross-entropy of the joint
     * pair (θ_i, x_i) (atom 0, label 1) against a marginal pair (θ_j, x_i), j ≠ i (atom 1,
     * label 0), plus the balance penalty
     * <pre>
     *   loss = −(1/2n)·Σ_i [log σ(d_{i,0}) + log(1 − σ(d_{i,1}))] + λ·B²,
     *   B = (1/n)·Σ_i (σ(d_{i,0}) + σ(d_{i,1})) − 1
     * </pre>
     * (a balanced classifier, B = 0, gives conservative posteriors). Gradient:
     * dloss/dd_{i,0} = −(1 − σ_0)/(2n) + 2λB·σ_0(1 − σ_0)/n,
     * dloss/dd_{i,1} = σ_1/(2n) + 2λB·σ_1(1 − σ_1)/n. Each row's share is its cross-entropy
     * plus λB² (computed on the batch it is in).
     *
     * @param lambda λ ≥ 0, the weight of the balance penalty (sbi: 100; 0 is NRE-A)
     */
    record Balanced(double lambda) implements RatioLoss {

        public Balanced {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("BNRE needs regularization_strength lambda "
                        + ">= 0 and finite, got " + lambda);
            }
        }

        /** λ = 100 (sbi's default). */
        public static Balanced defaults() {
            return new Balanced(100.0);
        }

        /** The validating factory. */
        public static Balanced of(double lambda) {
            return new Balanced(lambda);
        }

        @Override
        public int atomsPerRow() {
            return 2;
        }

        @Override
        public boolean jointAtom(int m) {
            return m == 0;
        }

        @Override
        public double lossAndGradient(float[] logits, int n, float[] grad, double[] rowLoss) {
            double b = balance(logits, n);
            double penalty = lambda * b * b;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double dJ = logits[2 * i];
                double dM = logits[2 * i + 1];
                double ce = (softplus(-dJ) + softplus(dM)) / 2;
                rowLoss[i] = ce + penalty;
                total += ce;
                if (grad != null) {
                    double sJ = sigmoid(dJ);
                    double sM = sigmoid(dM);
                    grad[2 * i] = (float) ((-(1 - sJ) / 2 + 2 * lambda * b * sJ * (1 - sJ)) / n);
                    grad[2 * i + 1] = (float) ((sM / 2 + 2 * lambda * b * sM * (1 - sM)) / n);
                }
            }
            return total / n + penalty;
        }

        /** B = mean σ(joint) + mean σ(marginal) − 1 over the n rows. */
        public static double balance(float[] logits, int n) {
            double s = 0;
            for (int i = 0; i < 2 * n; i++) {
                s += sigmoid(logits[i]);
            }
            return s / n - 1;
        }
    }

    /** σ(u) = 1/(1 + e^−u), stably. */
    static double sigmoid(double u) {
        return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
    }

    /** log(1 + e^u), stably. */
    static double softplus(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }
}
