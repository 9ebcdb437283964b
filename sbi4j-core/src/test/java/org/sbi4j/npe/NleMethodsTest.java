package org.sbi4j.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sbi4j.mcmc.McmcSettings;
import org.sbi4j.prob.Prior;
import org.sbi4j.prob.Priors;
import org.sbi4j.sim.Simulator;

/** nle and snle in the method registry: binding, their rounds, and where they run. */
class NleMethodsTest {

    @Test
    void registeredWithTheMcmcSettingsAsKeys() {
        assertThat(InferenceMethods.names()).contains("nle", "snle");
        MethodSettings m = InferenceMethods.bind("snle", Map.of("chains", 10, "thin", 2));
        assertThat(m).isInstanceOf(SnleSettings.class);
        assertThat(((LikelihoodMethod) m).mcmc()).isEqualTo(McmcSettings.defaults()
                .withChains(10).withWarmupAndThin(McmcSettings.defaults().warmup(), 2));
        assertThat(InferenceMethods.describe("nle")).containsKeys("chains", "warmup", "thin",
                "init_candidates", "step_out_limit");
        assertThat(InferenceMethods.describe("snle")).containsEntry("warm_start", "true");
        assertThat(((LikelihoodMethod) InferenceMethods.bind("snle", Map.of("warm_start",
                false))).warmStart()).isFalse();
        assertThat(NleSettings.defaults().warmStart()).isFalse();
        assertThatThrownBy(() -> InferenceMethods.bind("nle", Map.of("chains", 0)))
                .hasMessageContaining("chains must be >= 1, got 0");
    }

    @Test
    void amortisedNleRunsOneRoundAndSequentialNpeRefusesBoth() {
        assertThatThrownBy(() -> NleSettings.defaults().checkRounds(3))
                .hasMessageContaining("use method snle");
        SnleSettings.defaults().checkRounds(10);
        Prior prior = Priors.uniform(List.of("a"), -1, 1);
        Simulator sim = Simulator.of(1, 1, (t, rng) -> new float[] {t[0]});
        assertThatThrownBy(() -> SequentialNpe.builder(prior, sim).observation(new float[] {0})
                .method(SnleSettings.defaults()).rounds(2).simulations(20).run())
                .hasMessageContaining("run it with org.sbi4j.nle.SequentialNle");
    }
}
