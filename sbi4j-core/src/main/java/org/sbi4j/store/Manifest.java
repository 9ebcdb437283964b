package org.sbi4j.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sbi4j.io.FileFormatException;

/**
 * The store's {@code manifest.json}: format tag, settings, completed chunks (in index order) and
 * whether the final files were written. Written atomically (temporary file, fsync, then
 * {@code ATOMIC_MOVE}), so a reader sees the old or the new manifest, never a torn one.
 */
record Manifest(StoreSettings settings, List<StoreChunk> chunks, boolean finished) {

    static final String FILE = "manifest.json";
    static final String FORMAT = "sbi4j-simulation-store/1";

    Manifest {
        chunks = chunks.stream().sorted((a, b) -> a.range().compareTo(b.range())).toList();
    }

    String toJson() {
        StoreSettings s = settings;
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"format\": ").append(Json.quote(FORMAT)).append(",\n");
        sb.append("  \"simulator\": ").append(Json.quote(s.simulator())).append(",\n");
        sb.append("  \"prior\": ").append(Json.quote(s.prior())).append(",\n");
        sb.append("  \"seed\": ").append(s.seed()).append(",\n");
        sb.append("  \"n\": ").append(s.n()).append(",\n");
        sb.append("  \"from\": ").append(s.from()).append(",\n");
        sb.append("  \"to\": ").append(s.to()).append(",\n");
        sb.append("  \"chunkSize\": ").append(s.chunkSize()).append(",\n");
        sb.append("  \"thetaDim\": ").append(s.thetaDim()).append(",\n");
        sb.append("  \"xShape\": [");
        int[] shape = s.xShape();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        sb.append("],\n  \"finished\": ").append(finished).append(",\n  \"chunks\": [");
        for (int i = 0; i < chunks.size(); i++) {
            StoreChunk c = chunks.get(i);
            sb.append(i > 0 ? "," : "").append("\n    {\"from\": ").append(c.range().from())
                    .append(", \"to\": ").append(c.range().to()).append(", \"kept\": ")
                    .append(c.kept()).append(", \"failures\": [");
            for (int k = 0; k < c.failures().size(); k++) {
                sb.append(k > 0 ? ", " : "").append(Json.quote(c.failures().get(k)));
            }
            sb.append("]}");
        }
        return sb.append(chunks.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    /** Writes {@code dir/manifest.json} atomically. */
    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
        StoreFiles.moveAtomically(tmp, dir.resolve(FILE));
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** Reads {@code dir/manifest.json}; a malformed file gives a FileFormatException naming it. */
    static Manifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(text);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new FileFormatException(file.toString(), "not a simulation store manifest ("
                    + e.getMessage() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    static Manifest fromJson(String text) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(text);
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("format is " + m.get("format") + ", expected "
                    + FORMAT);
        }
        List<Object> shapeList = (List<Object>) m.get("xShape");
        int[] shape = new int[shapeList.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact((Long) shapeList.get(i));
        }
        StoreSettings s = new StoreSettings((String) m.get("simulator"), (String) m.get("prior"),
                num(m, "seed"), num(m, "n"), num(m, "from"), num(m, "to"),
                Math.toIntExact(num(m, "chunkSize")), Math.toIntExact(num(m, "thetaDim")), shape);
        List<StoreChunk> chunks = new ArrayList<>();
        for (Object o : (List<Object>) m.get("chunks")) {
            Map<String, Object> c = (Map<String, Object>) o;
            List<String> failures = new ArrayList<>();
            for (Object f : (List<Object>) c.get("failures")) {
                failures.add((String) f);
            }
            chunks.add(new StoreChunk(new IndexRange(num(c, "from"), num(c, "to")),
                    num(c, "kept"), failures));
        }
        return new Manifest(s, chunks, (Boolean) m.get("finished"));
    }

    private static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException("\"" + key + "\" is not an integer: " + v);
        }
        return l;
    }

    /** A copy with one more completed chunk. */
    Manifest with(StoreChunk c) {
        List<StoreChunk> more = new ArrayList<>(chunks);
        more.add(c);
        return new Manifest(settings, more, false);
    }

    /** A copy marked finished. */
    Manifest finish() {
        return new Manifest(settings, chunks, true);
    }

    /**
     * The indices of [from, to) not covered by a completed chunk, cut into pieces of at most
     * chunkSize starting at each gap's start (for a fresh store: the chunk grid from {@code from}).
     */
    List<IndexRange> missing() {
        List<IndexRange> out = new ArrayList<>();
        long at = settings.from();
        for (StoreChunk c : chunks) {
            cut(at, c.range().from(), out);
            at = Math.max(at, c.range().to());
        }
        cut(at, settings.to(), out);
        return out;
    }

    private void cut(long from, long to, List<IndexRange> out) {
        for (long a = from; a < to; a += settings.chunkSize()) {
            out.add(new IndexRange(a, Math.min(to, a + settings.chunkSize())));
        }
    }
}
