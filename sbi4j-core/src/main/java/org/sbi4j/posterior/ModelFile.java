package org.sbi4j.posterior;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The sbi4j model file: one self-contained, versioned file per posterior.
 *
 * <pre>
 *   magic      8 bytes  "SBI4JMDL"
 *   version    int32    {@value #VERSION}
 *   header     int32 length + UTF-8 text: sorted "key=value" lines (architecture, names,
 *                       support, standardisation, settings, seed, library version)
 *   arrays     int32 count, then per array (sorted by name): UTF name, int32 rows, int32 cols,
 *                       float32 values row-major
 *   checksum   int64    CRC-32 of every byte before it
 * </pre>
 * Format 2 stores the architecture as its registered kinds and their snake_case settings
 * ({@code estimator.kind=nsf}, {@code estimator.settings.hidden_features=50},
 * {@code embedding.kind=mlp}, {@code embedding.settings.hidden=50,50}; see
 * {@link EstimatorSpec#toProperties()}) and the weights one array per parameter,
 * {@code param.<name>} of the parameter's shape. Format 1 (sbi4j 0.1.0) stored settings by
 * record component name and one flat array {@code weights} in parameter order; this build still
 * reads it ({@link #READABLE}).
 * Format 3 adds {@code standardizer.theta.log} and {@code standardizer.x.log}: the columns
 * mapped by v ↦ log(v − a) before z-scoring, as comma-separated {@code j:a} pairs (empty for
 * none; a = −1 is log(1 + v) for counts, a = the lower bound of a one-sided prior for θ);
 * formats 1 and 2 have none.
 * Format 4 adds the optional array {@code theta_regression}: the linear pre-conditioning of θ
 * on x ({@link org.sbi4j.data.ThetaRegression}), one row per parameter of [residual sd,
 * intercept, coefficients]; earlier formats have none.
 * Format 5 adds {@code model.kind} ({@link ModelKind}): posterior, likelihood (NLE's q(x | θ),
 * stored as a posterior with the roles swapped) or ratio (NRE's classifier); earlier formats
 * hold posteriors only.
 * Big-endian throughout. Nothing run-dependent is stored (no times, dates, thread counts), so the
 * same seed and settings give identical bytes. Loading checks the magic, the version (an
 * unknown version is refused with a message naming both versions) and the checksum (a damaged
 * file is refused with a message saying so).
 */
public final class ModelFile {

    /** Current format version: the one written. */
    public static final int VERSION = 5;

    /** The format versions this build reads. */
    static final List<Integer> READABLE = List.of(1, 2, 3, 4, 5);

    static final byte[] MAGIC = "SBI4JMDL".getBytes(StandardCharsets.US_ASCII);

    private ModelFile() {
    }

    /**
     * The raw parts of a model file of the given format version.
     *
     * @param version the format version read
     * @param header  the header's key=value entries
     * @param arrays  the float32 arrays by name
     */
    public record Contents(int version, Map<String, String> header,
                           Map<String, float[][]> arrays) {

        /** What the file holds ({@link ModelKind#POSTERIOR} for formats 1–4). */
        public ModelKind kind() {
            return ModelKind.of(header);
        }
    }

    /** What the model file at path holds, read from its header (the file is checked whole). */
    public static ModelKind kind(Path path) throws IOException {
        Contents c = read(path);
        try {
            return c.kind();
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file of the current format (atomically): the header entries and arrays. */
    public static void write(Path path, Map<String, String> header, Map<String, float[][]> arrays)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            StringBuilder text = new StringBuilder();
            new TreeMap<>(header).forEach((k, v) -> text.append(escape(k)).append('=')
                    .append(escape(v)).append('\n'));
            byte[] h = text.toString().getBytes(StandardCharsets.UTF_8);
            out.writeInt(h.length);
            out.write(h);
            Map<String, float[][]> sorted = new TreeMap<>(arrays);
            out.writeInt(sorted.size());
            for (Map.Entry<String, float[][]> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                float[][] a = e.getValue();
                out.writeInt(a.length);
                out.writeInt(a.length == 0 ? 0 : a[0].length);
                for (float[] row : a) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        }
        Path tmp = path.toAbsolutePath().resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, bytes.toByteArray());
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a file of any readable format; clear IOExceptions for foreign or damaged files. */
    public static Contents read(Path path) throws IOException {
        byte[] all = Files.readAllBytes(path);
        if (all.length == 0) {
            throw new IOException(path + " is not an sbi4j model file (empty file)");
        }
        if (all.length < MAGIC.length + 12 || !java.util.Arrays.equals(all, 0, MAGIC.length,
                MAGIC, 0, MAGIC.length)) {
            throw new IOException(path + " is not an sbi4j model file (wrong magic bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (!READABLE.contains(version)) {
            throw new IOException(path + " is an sbi4j model file of format version " + version
                    + "; this build reads versions " + readable() + " (sbi4j "
                    + Provenance.LIBRARY_VERSION + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        if (ByteBuffer.wrap(all, all.length - 8, 8).getLong() != crc.getValue()) {
            throw new IOException(path + " is damaged: its checksum does not match its contents "
                    + "(truncated or modified file)");
        }
        try {
            int hl = buf.getInt();
            String text = new String(all, buf.position(), hl, StandardCharsets.UTF_8);
            buf.position(buf.position() + hl);
            Map<String, String> header = new TreeMap<>();
            for (String line : text.split("\n")) {
                if (!line.isEmpty()) {
                    int eq = line.indexOf('=');
                    header.put(unescape(line.substring(0, eq)), unescape(line.substring(eq + 1)));
                }
            }
            int count = buf.getInt();
            Map<String, float[][]> arrays = new TreeMap<>();
            java.io.DataInputStream in = new java.io.DataInputStream(
                    new java.io.ByteArrayInputStream(all, buf.position(), all.length));
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rows = in.readInt();
                int cols = in.readInt();
                // sizes are checked against the bytes left before anything is allocated
                long left = in.available();
                long rowBytes = Math.max(1L, (long) cols * Float.BYTES);
                if (rows < 0 || cols < 0 || rowBytes > left && rows > 0 || rows > left / rowBytes) {
                    throw new IOException(path + " is damaged: array '" + name + "' declares "
                            + rows + "x" + cols + " values, but only " + left
                            + " bytes are left in the file");
                }
                float[][] a = new float[rows][cols];
                for (float[] row : a) {
                    for (int j = 0; j < cols; j++) {
                        row[j] = in.readFloat();
                    }
                }
                arrays.put(name, a);
            }
            return new Contents(version, header, arrays);
        } catch (RuntimeException | IOException e) {
            if (e instanceof IOException && e.getMessage() != null
                    && e.getMessage().startsWith(path + " is damaged")) {
                throw (IOException) e;
            }
            throw new IOException(path + " is damaged: its structure cannot be read (" + e + ")",
                    e);
        }
    }

    /** "1 and 2": the readable versions in words. */
    static String readable() {
        List<String> v = READABLE.stream().map(String::valueOf).toList();
        return v.size() == 1 ? v.get(0) : String.join(", ", v.subList(0, v.size() - 1))
                + " and " + v.get(v.size() - 1);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\e");
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'e' ? '=' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
