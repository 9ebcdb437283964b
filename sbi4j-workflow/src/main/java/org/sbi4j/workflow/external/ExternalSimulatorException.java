package org.sbi4j.workflow.external;

import java.util.BitSet;

/**
 * An external simulator program broke the protocol: it exited early, did not answer within the
 * time-out, printed malformed JSON, or answered with the wrong number of rows or the wrong row
 * length. (A failed <em>simulation</em>, i.e. a {@code null} or NaN row, is not an error: it is
 * returned as a NaN row and counted by the runner.)
 *
 * <p>The rows of the request that were simulated before the failure are kept in the caller's
 * output: {@link #completed()} marks them, and {@link #completedRows()} is the length of the
 * completed prefix, so a runner can keep those rows and resume after them.
 */
public final class ExternalSimulatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Longest excerpt of an offending line quoted in a message. */
    static final int MAX_QUOTE = 200;

    private final String command;
    private final long firstIndex;
    private final String offendingLine;
    private final BitSet completed;
    private final int completedRows;

    /** A failure of one batch; {@code completed} marks the rows of the request done. */
    static ExternalSimulatorException of(String command, long firstIndex, String batch,
                                         String problem, String offendingLine,
                                         BitSet completed, Throwable cause) {
        return new ExternalSimulatorException(command, firstIndex,
                message(command, batch, problem, offendingLine), offendingLine, completed,
                cause);
    }

    /** The same failure, reporting the rows of a larger request that were done. */
    ExternalSimulatorException withCompleted(BitSet done) {
        ExternalSimulatorException e = new ExternalSimulatorException(command, firstIndex,
                getMessage(), offendingLine, done, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    private ExternalSimulatorException(String command, long firstIndex, String message,
                                       String offendingLine, BitSet completed, Throwable cause) {
        super(message, cause);
        this.command = command;
        this.firstIndex = firstIndex;
        this.offendingLine = offendingLine;
        this.completed = (BitSet) completed.clone();
        this.completedRows = completed.nextClearBit(0);
    }

    private static String message(String command, String batch, String problem,
                                  String line) {
        StringBuilder sb = new StringBuilder("external simulator '").append(command)
                .append("' failed on ").append(batch).append(": ").append(problem);
        if (line != null) {
            sb.append("; offending line: ").append(quote(line));
        }
        return sb.toString();
    }

    /** The line, quoted and truncated to {@value #MAX_QUOTE} characters. */
    static String quote(String line) {
        String s = line.length() <= MAX_QUOTE ? line
                : line.substring(0, MAX_QUOTE) + "... (" + line.length() + " characters)";
        return "'" + s + "'";
    }

    /** The command line of the program. */
    public String command() {
        return command;
    }

    /** Simulation index of the first row of the failed batch; -1 if the caller gave none. */
    public long firstIndex() {
        return firstIndex;
    }

    /** The line the program printed that broke the protocol, or null (exit, time-out). */
    public String offendingLine() {
        return offendingLine;
    }

    /** Rows of the request (0-based positions) whose x was written before the failure. */
    public BitSet completed() {
        return (BitSet) completed.clone();
    }

    /** Number of leading rows of the request that were all completed. */
    public int completedRows() {
        return completedRows;
    }
}
