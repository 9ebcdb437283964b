package org.sbi4j.rounds;

/** Hears about rounds as they finish (for progress, reports, plots). */
@FunctionalInterface
public interface RoundListener<M> {

    RoundListener<Object> NONE = (record, model, resumed) -> { };

    /**
     * Round {@code record.round()} is done (or was read back from the folder: {@code resumed}).
     */
    void roundDone(RoundRecord record, M model, boolean resumed);

    @SuppressWarnings("unchecked")
    static <M> RoundListener<M> none() {
        return (RoundListener<M>) (RoundListener<?>) NONE;
    }
}
