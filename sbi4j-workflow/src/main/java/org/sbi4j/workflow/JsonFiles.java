package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The small JSON files of a run: metadata.json, MODEL.report.json, the diagnostics' results.
 * They are written pretty-printed, via a temporary file and a move, so that a reader never sees
 * half a file.
 */
public final class JsonFiles {

    /** The mapper the files are written and read with. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonFiles() {
    }

    /** Writes {@code values} as pretty-printed JSON (via a temporary file and a move). */
    public static void write(Path file, Map<String, ?> values) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values)
                + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a JSON object; a missing or malformed file is an error naming it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            return JSON.readValue(Files.readString(file), Map.class);
        } catch (JacksonException e) {
            throw new IOException(file + " is not a valid JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
