package org.sbi4j.workflow.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads job files written in JSON ({@code .json}) or YAML ({@code .yaml}, {@code .yml}) into a
 * {@link JobFile}. Keys are snake_case; an unknown or duplicated key, a value of the wrong type
 * and an invalid setting are all reported as a {@link JobFileException} naming the file, the
 * line and the key.
 */
public final class JobFileReader {

    /** The two syntaxes of a job file. */
    public enum Format {
        JSON, YAML;

        /** The format given by the file name's extension. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return JSON;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            throw new IllegalArgumentException("job file " + file + " must end in .json, .yaml"
                    + " or .yml");
        }
    }

    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();

    private JobFileReader() {
    }

    private static <M extends ObjectMapper, B extends tools.jackson.databind.cfg.MapperBuilder<M, B>>
            B configure(B b) {
        return b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * Reads {@code file} and resolves its relative paths against the file's folder
     * ({@link JobFile#resolvePaths}).
     */
    public static JobFile read(Path file) {
        Format format = Format.of(file);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobFileException(file.toString(), -1, "job file " + file
                    + " does not exist", e);
        } catch (IOException e) {
            throw new JobFileException(file.toString(), -1, "cannot read job file " + file
                    + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, format, file.toString()).resolvePaths(base);
    }

    /** Parses job-file text; {@code source} names it in messages. Paths stay as written. */
    public static JobFile parse(String text, Format format, String source) {
        if (text.isBlank()) {
            throw new JobFileException(source, -1, "job file " + source + " is empty", null);
        }
        try {
            ObjectMapper mapper = format == Format.JSON ? JSON : YAML;
            try (JsonParser p = mapper.createParser(text)) {
                KeyCheck.check(p, JobFile.class, source);
            }
            JobFile job = mapper.readValue(text, JobFile.class);
            if (job == null) {
                throw new JobFileException(source, -1, "job file " + source + " is empty", null);
            }
            return job;
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(e, source);
        } catch (JacksonException e) {
            throw invalid(e, source);
        }
    }

    private static JobFileException unknownKey(UnrecognizedPropertyException e, String source) {
        List<String> allowed = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).toList();
        return KeyCheck.unknownKey(source, e.getPropertyName(), path(e, 1),
                line(e.getLocation()), allowed, e);
    }

    private static JobFileException invalid(JacksonException e, String source) {
        String what = null;
        for (Throwable t = e.getCause(); t != null && what == null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                what = t.getMessage();
            }
        }
        String key = path(e, 0);
        if (what == null) {
            what = String.join(" ", e.getOriginalMessage().strip().split("\\s+"));
            if (what.length() > 300) {
                what = what.substring(0, 300) + "...";
            }
            if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
                what = (key.isEmpty() ? "the job file" : "'" + key + "'") + " must be "
                        + expected(m.getTargetType()) + " (" + what + ")";
            }
        }
        return new JobFileException(source, line(e.getLocation()), "invalid job file " + source
                + at(e.getLocation()) + (key.isEmpty() ? "" : " (at '" + key + "')") + ": "
                + what, e);
    }

    /** Plain words for the type a value should have had. */
    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class
                || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys to values";
    }

    /** The key path of the error, e.g. {@code priors[1].low}, without the last {@code drop}. */
    private static String path(JacksonException e, int drop) {
        List<JacksonException.Reference> refs = e.getPath();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < refs.size() - drop; i++) {
            JacksonException.Reference r = refs.get(i);
            if (r.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String at(TokenStreamLocation loc) {
        int line = line(loc);
        return line > 0 ? " at line " + line : "";
    }

    private static int line(TokenStreamLocation loc) {
        return loc == null ? -1 : loc.getLineNr();
    }
}
