package org.sbi4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON files the commands write and read (metadata.json, MODEL.report.json). */
final class Metadata {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Metadata() {
    }

    /** Writes {@code values} as pretty-printed JSON (via a temporary file and a move). */
    static void write(Path file, Map<String, ?> values) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values)
                + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a JSON object; a missing or malformed file is an error naming it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            return JSON.readValue(Files.readString(file), Map.class);
        } catch (JacksonException e) {
            throw new IOException(file + " is not a valid JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** The source recorded in a metadata or report map (its "task" or "job" entry), or null. */
    static Source source(Map<String, Object> m, boolean withSimulator) throws IOException {
        if (m.get("task") instanceof String t) {
            return Source.ofTask(t, withSimulator);
        }
        if (m.get("job") instanceof String j) {
            return Source.ofJob(Path.of(j), withSimulator, Source.External.NONE);
        }
        return null;
    }
}
