package org.sbi4j.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes numpy {@code .npz} archives: a zip file with one {@code key.npy} entry per
 * array, as {@code numpy.savez} (stored entries) and {@code numpy.savez_compressed} (deflated
 * entries) write them. Keys keep their insertion order; entry timestamps are fixed at
 * 1980-01-01 so the same arrays always give the same bytes.
 */
public final class Npz {

    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /** Writes {@code arrays} with stored (uncompressed) entries, like {@code numpy.savez}. */
    public static void write(Path path, Map<String, NpyArray> arrays) throws IOException {
        write(path, arrays, false);
    }

    /** Writes {@code arrays}, deflated like {@code numpy.savez_compressed} if {@code compress}. */
    public static void write(Path path, Map<String, NpyArray> arrays, boolean compress)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            write(out, arrays, compress);
        }
    }

    /** The complete archive as bytes. */
    public static byte[] toBytes(Map<String, NpyArray> arrays, boolean compress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, arrays, compress);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes the archive to {@code out} (which is not closed). */
    public static void write(OutputStream out, Map<String, NpyArray> arrays, boolean compress)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("npz keys must be non-empty, got '" + key + "'");
            }
            byte[] bytes = Npy.toBytes(e.getValue());
            ZipEntry entry = new ZipEntry(key + ".npy");
            entry.setTimeLocal(EPOCH);
            if (compress) {
                entry.setMethod(ZipEntry.DEFLATED);
            } else {
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
            }
            zip.putNextEntry(entry);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Reads every array of an archive, keyed by entry name without the {@code .npy} suffix, in
     * archive order. Stored and deflated entries (and zip64 archives) are read.
     */
    public static Map<String, NpyArray> read(Path path) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e))) {
                    put(out, e.getName(), Npy.read(in, path + "[" + e.getName() + "]"));
                }
            }
        } catch (FileFormatException | java.nio.file.NoSuchFileException
                 | java.io.FileNotFoundException e) {
            throw e;
        } catch (IOException e) {
            throw new FileFormatException(path.toString(), "not a valid .npz (zip) archive: "
                    + describe(e));
        }
        return out;
    }

    /** Decodes an archive held in memory; {@code source} names it in error messages. */
    public static Map<String, NpyArray> fromBytes(byte[] bytes, String source) throws IOException {
        return read(new ByteArrayInputStream(bytes), source);
    }

    /**
     * Reads an archive from a stream (not closed). Stream reading relies on the sizes in the
     * local zip headers, which numpy and this class always write.
     */
    public static Map<String, NpyArray> read(InputStream in, String source) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        ZipInputStream zip = new ZipInputStream(in);
        try {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    put(out, e.getName(), Npy.read(zip, source + "[" + e.getName() + "]"));
                }
            }
        } catch (FileFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new FileFormatException(source, "not a valid .npz (zip) archive: "
                    + describe(e));
        }
        if (out.isEmpty()) {
            throw new FileFormatException(source, "no arrays found (empty or not a zip archive)");
        }
        return out;
    }

    /** The zip library's message, or what kind of failure it was when it gives none. */
    private static String describe(IOException e) {
        String m = e.getMessage();
        return m != null && !m.isBlank() ? m : e instanceof java.io.EOFException
                ? "it ends in the middle of an entry (truncated)" : e.getClass().getSimpleName();
    }

    private static void put(Map<String, NpyArray> out, String name, NpyArray a) {
        out.put(name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name, a);
    }
}
