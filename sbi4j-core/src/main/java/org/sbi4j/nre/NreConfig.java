package org.sbi4j.nre;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;
import org.sbi4j.nn.ResidualNet;
import org.sbi4j.train.TrainingConfig;

/**
 * What NRE trains: the loss (NRE-C or BNRE), the classifier — sbi's default "resnet"
 * classifier: a residual network on [z_θ | z_x] with {@code hidden} features, {@code blocks}
 * pre-activation blocks, one output, PyTorch's initialisation — and the trainer's settings.
 *
 * @param loss       {@link RatioLoss.Contrastive} (nre) or {@link RatioLoss.Balanced} (bnre)
 * @param hidden     hidden features, ≥ 1 (sbi: 50)
 * @param blocks     residual blocks, ≥ 0 (sbi: 2)
 * @param activation the blocks' nonlinearity (sbi: ReLU)
 * @param training   batch size, learning rate, early stopping … (sbi's: {@link TrainingConfig#SBI})
 */
public record NreConfig(RatioLoss loss, int hidden, int blocks, Activation activation,
                        TrainingConfig training) {

    public NreConfig {
        if (loss == null || activation == null || training == null) {
            throw new IllegalArgumentException("NRE needs a loss, an activation and training "
                    + "settings");
        }
        if (hidden < 1 || blocks < 0) {
            throw new IllegalArgumentException("the ratio classifier needs hidden features >= 1"
                    + " and blocks >= 0, got " + hidden + " and " + blocks);
        }
    }

    /** sbi's classifier (50 features, 2 blocks, ReLU) and training, with this loss. */
    public static NreConfig of(RatioLoss loss) {
        return new NreConfig(loss, 50, 2, Activation.RELU, TrainingConfig.SBI);
    }

    /** These settings with another training config. */
    public NreConfig withTraining(TrainingConfig t) {
        return new NreConfig(loss, hidden, blocks, activation, t);
    }

    /** These settings with another network size. */
    public NreConfig withNetwork(int features, int nBlocks, Activation f) {
        return new NreConfig(loss, features, nBlocks, f, training);
    }

    /** A new classifier for dθ parameters and dx data, weights drawn from rng. */
    public ResidualNet buildNetwork(int dTheta, int dx, UniformRandomProvider rng) {
        return ResidualNet.builder(dTheta, 1).context(dx).hidden(hidden).blocks(blocks)
                .activation(activation).contextMode(ResidualNet.ContextMode.CONCAT)
                .torchInit(true).name("ratio").build(rng);
    }
}
