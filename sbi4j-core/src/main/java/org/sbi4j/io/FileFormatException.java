package org.sbi4j.io;

import java.io.IOException;

/**
 * A file that is not a valid (or not a supported) {@code .npy}, {@code .npz} or CSV file. The
 * message names the source (usually the file path) and the problem, e.g.
 * {@code "theta.npy: big-endian data ('>f4') is not supported; convert with arr.astype('<f4')"}.
 */
public final class FileFormatException extends IOException {

    /** A format error in {@code source} described by {@code problem}. */
    public FileFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
