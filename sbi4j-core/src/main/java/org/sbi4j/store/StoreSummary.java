package org.sbi4j.store;

import java.util.List;

/**
 * The account of a finished store or merge: {@code rows} valid simulations written out of
 * {@code attempted}, and the first few failure messages by index.
 *
 * @param rows            valid rows in theta.npy / x.npy / index.npy
 * @param attempted       simulations run
 * @param failureExamples up to a few messages "simulation i: reason"
 */
public record StoreSummary(long rows, long attempted, List<String> failureExamples) {

    /** Copies the messages. */
    public StoreSummary {
        failureExamples = List.copyOf(failureExamples);
    }

    /** attempted − rows. */
    public long invalid() {
        return attempted - rows;
    }

    /** "kept 990 of 1000 simulations (10 invalid, e.g. ...)". */
    public String summary() {
        String s = "kept " + rows + " of " + attempted + " simulations";
        return invalid() == 0 ? s
                : s + " (" + invalid() + " invalid, e.g. " + String.join("; ", failureExamples)
                        + ")";
    }

    static StoreSummary of(List<StoreChunk> chunks, int maxExamples) {
        long rows = 0;
        long attempted = 0;
        List<String> examples = new java.util.ArrayList<>();
        for (StoreChunk c : chunks) {
            rows += c.kept();
            attempted += c.range().size();
            for (String f : c.failures()) {
                if (examples.size() < maxExamples) {
                    examples.add(f);
                }
            }
        }
        return new StoreSummary(rows, attempted, examples);
    }
}
