package org.sbi4j.workflow.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.fuzz.Fuzzer;

/**
 * Issue 25, "must show": the JSON-lines protocol's answer reader ({@link Protocol#decode}, for
 * 3 rows of 2 values) on mutants of the committed answers either decodes them or reports a
 * {@link Protocol.Violation} with a message (see {@link Fuzzer}).
 */
class ProtocolFuzzTest {

    @Test
    void answerReaderFailsOnlyWithProtocolViolations() throws Exception {
        Fuzzer.Target t = new Fuzzer.Target("protocol", UnaryOperator.identity(), input -> {
            String line = new String(input, StandardCharsets.UTF_8);
            Protocol.decode(line, 3, 2, new float[6], 0);
        }, e -> e instanceof Protocol.Violation);
        assertThat(Fuzzer.run(t)).as("answers the protocol reader mishandled (saved under"
                + " target/fuzz-findings)").isEmpty();
    }
}
