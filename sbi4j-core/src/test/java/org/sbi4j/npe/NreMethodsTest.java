package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.nre.RatioLoss;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/** nre and bnre in the method registry: binding, validation, rounds and where they run. */
class NreMethodsTest {

    @Test
    void registeredWithTheLossAndMcmcSettingsAsKeys() {
        assertThat(InferenceMethods.names()).contains("nre", "bnre");
        MethodSettings m = InferenceMethods.bind("nre", Map.of("num_classes", 3, "chains", 10));
        assertThat(m).isInstanceOf(NreSettings.class);
        assertThat(((RatioMethod) m).loss()).isEqualTo(RatioLoss.Contrastive.of(3, 1.0));
        assertThat(((RatioMethod) m).mcmc()).isEqualTo(McmcSettings.defaults().withChains(10));
        assertThat(InferenceMethods.describe("nre")).containsEntry("num_classes", "5")
                .containsKeys("gamma", "chains", "warmup", "thin", "init_candidates",
                        "step_out_limit");
        assertThat(((RatioMethod) InferenceMethods.bind("bnre", Map.of())).loss())
                .isEqualTo(RatioLoss.Balanced.of(100));
        assertThat(InferenceMethods.describe("bnre")).containsKey("regularization_strength");
        RatioMethod snre = (RatioMethod) InferenceMethods.bind("snre", Map.of("warm_start",
                false));
        assertThat(snre.sequential()).isTrue();
        assertThat(snre.warmStart()).isFalse();
        snre.checkRounds(10);
        assertThat(NreSettings.defaults().sequential()).isFalse();
    }

    @Test
    void badValuesAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> InferenceMethods.bind("nre", Map.of("num_classes", 1)))
                .hasMessageContaining("K >= 2, got 1");
        assertThatThrownBy(() -> InferenceMethods.bind("nre", Map.of("chains", 0)))
                .hasMessageContaining("chains must be >= 1, got 0");
        assertThatThrownBy(() -> InferenceMethods.bind("bnre", Map.of("regularization_strength",
                -1))).hasMessageContaining("lambda >= 0 and finite, got -1.0");
    }

    @Test
    void amortisedRatioMethodsRunOneRoundAndSequentialNpeRefusesThem() {
        assertThatThrownBy(() -> NreSettings.defaults().checkRounds(3))
                .hasMessageContaining("runs in 1 round, got rounds = 3");
        BnreSettings.defaults().checkRounds(1);
        Prior prior = Priors.uniform(List.of("a"), -1, 1);
        Simulator sim = Simulator.of(1, 1, (t, rng) -> new float[] {t[0]});
        assertThatThrownBy(() -> SequentialNpe.builder(prior, sim).observation(new float[] {0})
                .method(BnreSettings.defaults()).rounds(1).simulations(20).run())
                .hasMessageContaining("run it with org.sbi4j.nre.SequentialNre");
    }
}
