package org.sbi4j.optim;

/**
 * Settings of the Adam optimiser (Kingma &amp; Ba 2015), with optional weight decay; the one place
 * its defaults live.
 *
 * <p>Defaults ({@link #defaults()}): learning rate 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no
 * weight decay (PyTorch's defaults). Training settings may choose another learning rate.
 *
 * <p><b>Weight decay.</b> With {@link WeightDecay#L2} (coupled) the optimiser adds λ·w to every
 * gradient before the moment updates, i.e. it minimises L(w) + (λ/2)·‖w‖². This is MAP training
 * under an isotropic Gaussian prior on the weights: if L is the <em>sum</em> of per-example
 * negative log-likelihoods, the prior is N(0, (1/λ)·I); if L is the <em>mean</em> over N training
 * examples (as in NPE's loss), the objective is (1/N)·[Σ −log q + (Nλ/2)‖w‖²], so the prior is
 * N(0, 1/(N·λ)·I). Either way the weights found are MAP weights, not samples. Adam rescales this
 * gradient term per coordinate, so its effective strength differs from plain SGD's.
 * With {@link WeightDecay#DECOUPLED} (AdamW, Loshchilov &amp; Hutter 2019) the weights shrink by
 * the factor (1 − lr·λ) at each step independently of the adaptive update; this is not a prior.
 * Decay applies to every parameter (weights and biases), as in PyTorch.
 *
 * @param learningRate default step size α (&gt; 0), used by {@link Adam#step()}
 * @param beta1        first-moment decay β₁ ∈ [0, 1)
 * @param beta2        second-moment decay β₂ ∈ [0, 1)
 * @param epsilon      ε &gt; 0 added to √v̂
 * @param weightDecay  λ ≥ 0
 * @param decayMode    how λ is applied (NONE requires λ = 0)
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon,
                         double weightDecay, WeightDecay decayMode) {

    /** How weight decay enters the update. */
    public enum WeightDecay {
        /** No decay. */
        NONE,
        /** Coupled L2: g ← g + λ·w (Gaussian prior, MAP weights). */
        L2,
        /** Decoupled (AdamW): w ← w·(1 − lr·λ) before the Adam update. */
        DECOUPLED
    }

    public AdamConfig {
        check("learning rate", learningRate, learningRate > 0);
        check("beta1", beta1, beta1 >= 0 && beta1 < 1);
        check("beta2", beta2, beta2 >= 0 && beta2 < 1);
        check("epsilon", epsilon, epsilon > 0);
        check("weight decay", weightDecay, weightDecay >= 0);
        if (decayMode == null) {
            throw new IllegalArgumentException("weight decay mode must not be null");
        }
        if (decayMode == WeightDecay.NONE && weightDecay != 0) {
            throw new IllegalArgumentException("weight decay " + weightDecay
                    + " given with mode NONE; choose L2 or DECOUPLED");
        }
    }

    /** lr 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay. */
    public static AdamConfig defaults() {
        return new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0.0, WeightDecay.NONE);
    }

    /** This configuration with another learning rate. */
    public AdamConfig withLearningRate(double lr) {
        return new AdamConfig(lr, beta1, beta2, epsilon, weightDecay, decayMode);
    }

    /** This configuration with other moment decays. */
    public AdamConfig withBetas(double b1, double b2) {
        return new AdamConfig(learningRate, b1, b2, epsilon, weightDecay, decayMode);
    }

    /** This configuration with another ε. */
    public AdamConfig withEpsilon(double eps) {
        return new AdamConfig(learningRate, beta1, beta2, eps, weightDecay, decayMode);
    }

    /** This configuration with weight decay λ applied in the given mode. */
    public AdamConfig withWeightDecay(double lambda, WeightDecay mode) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, lambda, mode);
    }

    private static void check(String what, double v, boolean ok) {
        if (!ok || Double.isNaN(v)) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }
}
