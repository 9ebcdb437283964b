package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model-file header sections and provenance records on small hand-made maps. */
class HeaderTextAndProvenanceTest {

    @Test
    void sectionKeepsThePrefixedKeysInOrderWithoutThePrefixInSnakeCase() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("estimator.kind", "nsf");
        h.put("estimator.settings.hiddenFeatures", "8");
        h.put("embedding.kind", "mlp");
        h.put("estimator.settings.bins", "4");
        Map<String, String> s = HeaderText.section(h, "estimator.settings.");
        assertThat(s).containsExactly(Map.entry("hidden_features", "8"), Map.entry("bins", "4"));
        assertThat(HeaderText.section(h, "nothing.")).isEmpty();
        assertThat(HeaderText.need(h, "embedding.kind")).isEqualTo("mlp");
        assertThatThrownBy(() -> HeaderText.need(h, "estimator.ensemble"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing entry 'estimator.ensemble'");
    }

    @Test
    void provenanceSortsAndFreezesItsSettings() {
        Map<String, String> m = new HashMap<>();
        m.put("b", "2");
        m.put("a", "1");
        Provenance p = Provenance.of(42, m);
        m.put("c", "3");
        assertThat(p.libraryVersion()).isEqualTo(Provenance.LIBRARY_VERSION).isEqualTo("0.1.0");
        assertThat(p.seed()).isEqualTo(42);
        assertThat(p.settings()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThatThrownBy(() -> p.settings().put("d", "4"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
