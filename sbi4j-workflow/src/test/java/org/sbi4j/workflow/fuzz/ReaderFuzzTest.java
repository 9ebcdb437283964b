package org.sbi4j.workflow.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.io.Csv;
import org.sbi4j.io.FileFormatException;
import org.sbi4j.io.Npy;
import org.sbi4j.io.Npz;
import org.sbi4j.posterior.PosteriorFiles;
import org.sbi4j.workflow.fuzz.Fuzzer.Target;
import org.sbi4j.workflow.job.JobFileException;
import org.sbi4j.workflow.job.JobFileReader;

/**
 * Issue 25, "must show": fuzz targets for the npy, npz, CSV, model-file and job-file readers
 * (the JSON-lines protocol's is {@code external.ProtocolFuzzTest}); each must parse every
 * mutant or fail with the library's own exception and a message (see {@link Fuzzer}).
 */
class ReaderFuzzTest {

    @TempDir
    Path tmp;

    static boolean isFormatError(Throwable t) {
        return t instanceof FileFormatException;
    }

    private Path write(String name, byte[] input) throws IOException {
        return Files.write(tmp.resolve(name), input);
    }

    private static void assertNoFindings(Target t) throws Exception {
        assertThat(Fuzzer.run(t)).as("inputs of %s the reader mishandled (saved under"
                + " target/fuzz-findings)", t.name()).isEmpty();
    }

    @Test
    void npyReaderFailsOnlyWithFormatErrors() throws Exception {
        assertNoFindings(new Target("npy", UnaryOperator.identity(), input -> {
            Npy.fromBytes(input, "fuzz.npy");
            Npy.read(write("fuzz.npy", input));
        }, ReaderFuzzTest::isFormatError));
    }

    @Test
    void npzReaderFailsOnlyWithFormatErrors() throws Exception {
        assertNoFindings(new Target("npz", UnaryOperator.identity(), input -> {
            try {
                Npz.fromBytes(input, "fuzz.npz");
            } finally {
                Npz.read(write("fuzz.npz", input));
            }
        }, ReaderFuzzTest::isFormatError));
    }

    @Test
    void csvReaderFailsOnlyWithFormatErrors() throws Exception {
        assertNoFindings(new Target("csv", UnaryOperator.identity(), input -> {
            try {
                Csv.read(new StringReader(new String(input, StandardCharsets.UTF_8)),
                        "fuzz.csv");
            } finally {
                Csv.readHeaderOptional(write("fuzz.csv", input));
            }
        }, ReaderFuzzTest::isFormatError));
    }

    /** Recomputes the trailing CRC-32, so that mutants get past the checksum to the parser. */
    static byte[] withChecksum(byte[] b) {
        if (b.length < 20) {
            return b;
        }
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        ByteBuffer.wrap(b, b.length - 8, 8).putLong(crc.getValue());
        return b;
    }

    @Test
    void modelFileReaderFailsOnlyWithItsOwnMessages() throws Exception {
        assertNoFindings(new Target("model", ReaderFuzzTest::withChecksum,
                input -> PosteriorFiles.load(write("fuzz.sbi4j", input)),
                t -> t instanceof IOException && t.getMessage() != null
                        && t.getMessage().contains("fuzz.sbi4j")));
    }

    @Test
    void jobFileReaderFailsOnlyWithJobFileErrors() throws Exception {
        assertNoFindings(new Target("job", UnaryOperator.identity(), input -> {
            String text = new String(input, StandardCharsets.UTF_8);
            boolean json = text.stripLeading().startsWith("{");
            JobFileReader.parse(text, json ? JobFileReader.Format.JSON
                    : JobFileReader.Format.YAML, json ? "fuzz.json" : "fuzz.yaml");
        }, t -> t instanceof JobFileException));
    }
}
