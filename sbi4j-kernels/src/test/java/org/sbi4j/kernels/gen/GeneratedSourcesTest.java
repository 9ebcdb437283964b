package org.sbi4j.kernels.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked-in generated kernels are what {@link InlineVectorMath} makes of the templates. */
class GeneratedSourcesTest {

    /** Surefire runs in the module directory. */
    private static final Path MODULE = Path.of("");

    @Test
    void checkedInSourcesAreUpToDate() throws IOException {
        for (String name : InlineVectorMath.TEMPLATES) {
            assertThat(Files.readString(InlineVectorMath.output(MODULE, name)))
                    .as("%s.java is out of date: run java sbi4j-kernels/src/test/java/org/sbi4j/kernels/"
                            + "gen/InlineVectorMath.java from the repository root", name)
                    .isEqualTo(InlineVectorMath.generate(MODULE, name));
        }
    }

    @Test
    void aCallBecomesTheRenamedBodyWithItsArgumentsBound() {
        Map<String, InlineVectorMath.Snippet> s = InlineVectorMath.parse(List.of(
                "// a comment",
                "FloatVector twice(FloatVector x) {",
                "    FloatVector d = x.add(x); // x doubled",
                "    return d.mul(1f);",
                "}",
                "FloatVector quad(FloatVector x) {",
                "    FloatVector t = @twice(x);",
                "    return t.add(t);",
                "}"));
        assertThat(InlineVectorMath.expand(List.of(
                "  FloatVector a = v;",
                "  FloatVector q = @quad(a.abs());",
                "  q.intoArray(y, 0);"), s, 0)).containsExactly(
                "  FloatVector a = v;",
                "  FloatVector q_x = a.abs();",
                "  FloatVector q_t_d = q_x.add(q_x); // x doubled",
                "  FloatVector q_t = q_t_d.mul(1f);",
                "  FloatVector q = q_t.add(q_t);",
                "  q.intoArray(y, 0);");
    }

    @Test
    void malformedInputIsRejectedWithTheLine() {
        assertThatThrownBy(() -> InlineVectorMath.parse(List.of("FloatVector f(float x) {", "    return x;", "}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float x");
        assertThatThrownBy(() -> InlineVectorMath.parse(List.of("FloatVector f(FloatVector x) {", "    x = x;", "}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("return");
        Map<String, InlineVectorMath.Snippet> s = InlineVectorMath.parse(
                List.of("FloatVector f(FloatVector x) {", "    return x;", "}"));
        assertThatThrownBy(() -> InlineVectorMath.expand(List.of("    y = @f(v).neg();"), s, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole line");
        assertThatThrownBy(() -> InlineVectorMath.expand(List.of("    FloatVector y = @g(v);"), s, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no snippet g");
        assertThatThrownBy(() -> InlineVectorMath.expand(List.of("    FloatVector y = @f(v, w);"), s, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1");
    }
}
