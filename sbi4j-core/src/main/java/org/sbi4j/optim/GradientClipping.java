package org.sbi4j.optim;

import java.util.List;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.Params;
import org.sbi4j.tensor.Ops;

/**
 * Global-norm gradient clipping (Pascanu et al. 2013), as torch.nn.utils.clip_grad_norm_.
 *
 * <p>With N = √(Σ_p ‖∇p‖²) over all parameters, if N &gt; c every gradient is multiplied by
 * c / (N + 1e-6); otherwise nothing changes. The direction of the global gradient is kept.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Clips the gradients of params to global norm maxNorm.
     *
     * @return the global norm before clipping (for logging; may be NaN or ∞, then nothing is
     *     scaled so the caller can detect the divergence)
     */
    public static double clipGlobalNorm(List<Param> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maximum gradient norm must be > 0, got " + maxNorm);
        }
        double norm = Params.gradNorm(params);
        if (norm > maxNorm && Double.isFinite(norm)) {
            float s = (float) (maxNorm / (norm + 1e-6));
            for (int i = 0; i < params.size(); i++) {
                Ops.scale(s, params.get(i).grad());
            }
        }
        return norm;
    }
}
