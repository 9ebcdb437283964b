package org.sbi4j.workflow.job;

/**
 * A job file that cannot be read or is invalid. The message names the file, the line (when
 * known), the key and what is wrong, e.g.
 * {@code unknown key 'simulatons' in job file run.yaml at line 3; did you mean 'simulations'?
 * allowed keys: ...}.
 */
public final class JobFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;

    JobFileException(String source, int line, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.line = line;
    }

    /** The job file (path or name) the error is in. */
    public String source() {
        return source;
    }

    /** 1-based line of the error, or -1 if unknown. */
    public int line() {
        return line;
    }
}
