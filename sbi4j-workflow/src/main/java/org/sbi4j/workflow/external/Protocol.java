package org.sbi4j.workflow.external;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON-lines protocol (see {@code docs/external-simulators.md}): one request line
 * {@code {"indices": [...], "seeds": [...], "theta": [[...], ...]}} per batch, one answer line
 * {@code {"x": [[...], ...]}}. A {@code null} row or a row holding {@code null}/{@code NaN} is a
 * failed simulation and decodes to a row of NaN. Python's {@code json.dumps} writes bare
 * {@code NaN}/{@code Infinity}, which are accepted.
 */
final class Protocol {

    /** Largest seed: seeds lie in [0, 2^53) so that every JSON reader holds them exactly. */
    static final long SEED_LIMIT = 1L << 53;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Protocol() {
    }

    /** A protocol violation, with its kind and the line that caused it (null if none). */
    static final class Violation extends Exception {
        private static final long serialVersionUID = 1L;
        final String line;
        final BatchFailure kind;

        /** A garbage answer: {@code line} is not what the protocol asks for. */
        Violation(String problem, String line) {
            this(BatchFailure.GARBAGE, problem, line);
        }

        Violation(BatchFailure kind, String problem, String line) {
            super(problem);
            this.kind = kind;
            this.line = line;
        }
    }

    /**
     * Encodes rows {@code [from, from+n)} of the request: {@code theta} holds rows of
     * {@code thetaDim} values starting at {@code thetaOff}. Without {@code indices} (null) the
     * {@code "indices"} key is left out.
     */
    static String encode(long[] indices, long[] seeds, int from, int n, float[] theta,
                         int thetaOff, int thetaDim) {
        StringBuilder sb = new StringBuilder(32 + n * (24 + 12 * thetaDim));
        sb.append('{');
        if (indices != null) {
            sb.append("\"indices\": [");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ").append(indices[from + i]);
            }
            sb.append("], ");
        }
        sb.append("\"seeds\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(seeds[from + i]);
        }
        sb.append("], \"theta\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "[" : ", [");
            int off = thetaOff + i * thetaDim;
            for (int j = 0; j < thetaDim; j++) {
                float v = theta[off + j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("theta of row " + (from + i)
                            + " holds the non-finite value " + v);
                }
                sb.append(j == 0 ? "" : ", ").append(v);
            }
            sb.append(']');
        }
        return sb.append("]}").toString();
    }

    /**
     * Decodes an answer line of {@code n} rows of {@code xDim} values into
     * {@code x[xOff .. xOff + n*xDim)}; failed rows become NaN.
     *
     * @throws Violation if the line is not JSON, has no {@code "x"} array, or has the wrong
     *                   number of rows or a row of the wrong length
     */
    static void decode(String line, int n, int xDim, float[] x, int xOff) throws Violation {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JacksonException e) {
            String why = e.getOriginalMessage().lines().findFirst().orElse("");
            if (why.length() > 80) {
                why = why.substring(0, 80) + "...";
            }
            throw new Violation("malformed JSON (" + why + "); the program must print exactly one JSON line per batch"
                    + " on stdout and write any log to stderr", line);
        }
        if (root == null || !root.isObject() || !root.has("x")) {
            throw new Violation("the answer is not a JSON object with an \"x\" array", line);
        }
        JsonNode rows = root.get("x");
        if (!rows.isArray()) {
            throw new Violation("\"x\" is not an array", line);
        }
        if (rows.size() != n) {
            throw new Violation("expected " + n + " rows in \"x\", got " + rows.size(), line);
        }
        for (int i = 0; i < n; i++) {
            decodeRow(rows.get(i), i, xDim, x, xOff + i * xDim, line);
        }
    }

    private static void decodeRow(JsonNode row, int i, int xDim, float[] x, int off, String line)
            throws Violation {
        if (row.isNull()) {
            java.util.Arrays.fill(x, off, off + xDim, Float.NaN);
            return;
        }
        if (!row.isArray()) {
            throw new Violation("row " + i + " of \"x\" is neither an array nor null", line);
        }
        if (row.size() != xDim) {
            throw new Violation("row " + i + " of \"x\" has " + row.size()
                    + " values, expected x_dim = " + xDim, line);
        }
        for (int j = 0; j < xDim; j++) {
            JsonNode v = row.get(j);
            if (v.isNull()) {
                x[off + j] = Float.NaN;
            } else if (v.isNumber()) {
                x[off + j] = (float) v.doubleValue();
            } else {
                throw new Violation("row " + i + ", value " + j + " of \"x\" is not a number: "
                        + v, line);
            }
        }
    }
}
