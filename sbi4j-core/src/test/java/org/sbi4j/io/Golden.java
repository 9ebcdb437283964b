package org.sbi4j.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the golden files written once by src/test/resources/golden/make_golden.py. */
final class Golden {

    private Golden() {
    }

    static Path path(String name) {
        try {
            return Path.of(Golden.class.getResource("/golden/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("golden file " + name + " missing", e);
        }
    }

    /** f32[i, j] = float32((i − j) / 3), shape (3, 4), as in make_golden.py. */
    static float f32(int i, int j) {
        return (float) ((i - j) / 3.0);
    }

    /** The int64 golden values. */
    static final long[] I64 = {0, -1, (1L << 53) + 1, -(1L << 62), Long.MAX_VALUE};
}
