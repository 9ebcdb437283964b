package org.sbi4j.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A registry of settings kinds built by hand: naming rules, duplicates, look-ups, text. */
class SettingsRegistryRulesTest {

    record Alpha(int size) {
    }

    record Beta(double rate) {
    }

    private static String kind(Object o) {
        return o instanceof Alpha ? "alpha" : o instanceof Beta ? "beta_2" : "Bad Name";
    }

    private static SettingsRegistry<Object> registry() {
        return SettingsRegistry.<Object>builder("toy", SettingsRegistryRulesTest::kind)
                .add(new Alpha(3), "the first").add(new Beta(0.5), "the second").build();
    }

    @Test
    void entriesNamesDefaultsAndLookUps() {
        SettingsRegistry<Object> r = registry();
        assertThat(r.names()).containsExactly("alpha", "beta_2");
        assertThat(r.entries()).hasSize(2);
        assertThat(r.entries().get(0).name()).isEqualTo("alpha");
        assertThat(r.entries().get(0).type()).isEqualTo(Alpha.class);
        assertThat(r.entries().get(1).description()).isEqualTo("the second");
        assertThat(r.defaults("alpha")).isEqualTo(new Alpha(3));
        assertThat(r.get("  ALPHA ").name()).isEqualTo("alpha"); // stripped, case-insensitive
        assertThat(r.entryOf(new Beta(9)).name()).isEqualTo("beta_2");
        assertThat(r.toString()).isEqualTo("toy kinds [alpha: the first, beta_2: the second]");
        assertThatThrownBy(() -> r.get("gamma")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown toy kind 'gamma'; known: alpha, beta_2");
        assertThatThrownBy(() -> r.get(null)).hasMessage("unknown toy kind 'null'; known: alpha, beta_2");
        assertThatThrownBy(() -> r.entryOf("a string"))
                .hasMessage("toy settings of type java.lang.String are not registered (known kinds:"
                        + " alpha, beta_2), so they cannot be named or saved");
    }

    @Test
    void addRejectsBadNamesNonRecordsAndDuplicates() {
        assertThatThrownBy(() -> SettingsRegistry.<Object>builder("toy", o -> "Bad Name")
                .add(new Alpha(1), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("toy kind name must be lower-case snake_case, got 'Bad Name'");
        assertThatThrownBy(() -> SettingsRegistry.<Object>builder("toy", o -> null)
                .add(new Alpha(1), "x")).hasMessage("toy kind name must be lower-case snake_case, got 'null'");
        assertThatThrownBy(() -> SettingsRegistry.<Object>builder("toy", o -> "s")
                .add("not a record", "x"))
                .hasMessage("toy kind 's' must have a record of settings, got class java.lang.String");
        assertThatThrownBy(() -> SettingsRegistry.<Object>builder("toy", o -> "same")
                .add(new Alpha(1), "x").add(new Beta(1), "y"))
                .hasMessage("toy kind 'same' (Beta) is registered twice");
        assertThatThrownBy(() -> SettingsRegistry.<Object>builder("toy",
                o -> ((Alpha) o).size() == 1 ? "one" : "two")
                .add(new Alpha(1), "x").add(new Alpha(2), "y"))
                .hasMessage("toy kind 'two' (Alpha) is registered twice");
    }

    @Test
    void bindAndTextRoundTrip() {
        SettingsRegistry<Object> r = registry();
        assertThat(r.bind("alpha", java.util.Map.of("size", 7))).isEqualTo(new Alpha(7));
        assertThat(r.toText(new Alpha(4))).containsEntry("size", "4");
        assertThat(r.fromText("alpha", r.toText(new Alpha(4)))).isEqualTo(new Alpha(4));
        assertThat(r.describe("beta_2")).containsEntry("rate", "0.5");
        assertThatThrownBy(() -> r.toText("a string")).hasMessageContaining("are not registered");
    }
}
