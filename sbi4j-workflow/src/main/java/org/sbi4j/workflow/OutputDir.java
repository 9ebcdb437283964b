package org.sbi4j.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The rules for outputs: an existing, non-empty folder (or an existing file) is refused unless
 * overwriting.
 */
public final class OutputDir {

    private OutputDir() {
    }

    /**
     * Creates {@code dir} if needed. A non-empty folder is accepted only with {@code overwrite},
     * or when it holds the {@code marker} file a previous run of the same command left there.
     */
    public static Path prepare(Path dir, boolean overwrite, String marker) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output " + dir + " exists and is not a folder");
        }
        if (Files.isDirectory(dir) && !overwrite && !isEmpty(dir)
                && (marker == null || !Files.exists(dir.resolve(marker)))) {
            throw new IllegalArgumentException("output folder " + dir
                    + " exists and is not empty; choose another --out or pass --overwrite");
        }
        Files.createDirectories(dir);
        if (marker != null) {
            Files.writeString(dir.resolve(marker), "written by sbi4j\n");
        }
        return dir;
    }

    /** Refuses an existing output file unless {@code overwrite}, and a folder in its place. */
    public static void checkFile(Path file, boolean overwrite) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("output " + file + " is a folder, not a file");
        }
        if (Files.exists(file) && !overwrite) {
            throw new IllegalArgumentException("output file " + file
                    + " exists; choose another --out or pass --overwrite");
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
