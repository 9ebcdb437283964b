package org.sbi4j.rounds;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one round did: its simulations (indices {@code firstIndex} … {@code firstIndex +
 * attempted − 1}), how its proposal was drawn, and its wall times.
 *
 * @param round           the round, from 0
 * @param firstIndex      the simulation index of its first simulation
 * @param attempted       simulations run in this round
 * @param valid           of which valid
 * @param proposal        how the proposal was drawn (one line)
 * @param proposeSeconds  wall time of building and drawing the proposal
 * @param simulateSeconds wall time of simulating
 * @param trainSeconds    wall time of training on all rounds' pairs
 */
public record RoundRecord(int round, long firstIndex, long attempted, long valid, String proposal,
                          double proposeSeconds, double simulateSeconds, double trainSeconds) {

    /** The fields as text, for {@code round.properties}. */
    Map<String, String> toText() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("round", Integer.toString(round));
        m.put("first_index", Long.toString(firstIndex));
        m.put("attempted", Long.toString(attempted));
        m.put("valid", Long.toString(valid));
        m.put("proposal", proposal.replace('\n', ' '));
        m.put("propose_s", String.format(Locale.ROOT, "%.3f", proposeSeconds));
        m.put("simulate_s", String.format(Locale.ROOT, "%.3f", simulateSeconds));
        m.put("train_s", String.format(Locale.ROOT, "%.3f", trainSeconds));
        return m;
    }

    /** Reads {@link #toText()}; a missing key is refused by name. */
    static RoundRecord fromText(Map<String, String> m, String source) {
        try {
            return new RoundRecord(Integer.parseInt(get(m, "round", source)),
                    Long.parseLong(get(m, "first_index", source)),
                    Long.parseLong(get(m, "attempted", source)),
                    Long.parseLong(get(m, "valid", source)), get(m, "proposal", source),
                    Double.parseDouble(get(m, "propose_s", source)),
                    Double.parseDouble(get(m, "simulate_s", source)),
                    Double.parseDouble(get(m, "train_s", source)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static String get(Map<String, String> m, String key, String source) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + " has no '" + key + "'");
        }
        return v;
    }
}
