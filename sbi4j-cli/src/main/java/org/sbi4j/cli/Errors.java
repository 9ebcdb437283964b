package org.sbi4j.cli;

import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one-line messages shown after {@code error:}. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.replace('\n', ' ');
    }
}
