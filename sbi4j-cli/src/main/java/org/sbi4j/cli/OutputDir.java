package org.sbi4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The rule for output folders: an existing, non-empty folder is refused unless overwriting. */
final class OutputDir {

    private OutputDir() {
    }

    /**
     * Creates {@code dir} if needed. A non-empty folder is accepted only with {@code overwrite},
     * or when it holds the {@code marker} file a previous run of the same command left there.
     */
    static Path prepare(Path dir, boolean overwrite, String marker) throws IOException {
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

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
