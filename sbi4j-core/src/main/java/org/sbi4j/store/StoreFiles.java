package org.sbi4j.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.io.DType;
import org.sbi4j.io.FileFormatException;

/**
 * File plumbing of stores: the names of final and chunk files, atomic replacement, and the
 * streaming concatenation of row blocks (chunks, shards) into the final {@code .npy} files without
 * holding them in memory.
 */
final class StoreFiles {

    static final String THETA = "theta";
    static final String X = "x";
    static final String INDEX = "index";
    static final String[] KINDS = {THETA, X, INDEX};

    private StoreFiles() {
    }

    /** One block of rows: a θ, an x and an index file with the same number of rows. */
    record Segment(Path theta, Path x, Path index, long rows) {
        Path file(String kind) {
            return switch (kind) {
                case THETA -> theta;
                case X -> x;
                default -> index;
            };
        }
    }

    /** The chunk files of a chunk in {@code dir}. */
    static Segment chunk(Path dir, StoreChunk c) {
        return new Segment(dir.resolve(c.fileName(THETA)), dir.resolve(c.fileName(X)),
                dir.resolve(c.fileName(INDEX)), c.kept());
    }

    /** The final files of {@code dir}. */
    static Segment finals(Path dir, long rows) {
        return new Segment(dir.resolve(THETA + ".npy"), dir.resolve(X + ".npy"),
                dir.resolve(INDEX + ".npy"), rows);
    }

    /** Renames {@code from} to {@code to} atomically (replacing it); plain move if unsupported. */
    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes theta.npy (rows × dθ float32), x.npy (rows × dx float32) and index.npy (rows int64)
     * in {@code out} by concatenating the data of {@code parts} in order, each checked against
     * its expected shape. Each file is written to a temporary name and then moved into place.
     */
    static void concat(List<Segment> parts, Path out, int thetaDim, int xDim) throws IOException {
        long rows = parts.stream().mapToLong(Segment::rows).sum();
        List<Path> written = new ArrayList<>();
        for (String kind : KINDS) {
            long cols = kind.equals(THETA) ? thetaDim : kind.equals(X) ? xDim : -1;
            DType dtype = cols < 0 ? DType.INT64 : DType.FLOAT32;
            long[] shape = cols < 0 ? new long[] {rows} : new long[] {rows, cols};
            Path tmp = out.resolve(kind + ".npy.tmp");
            try (FileChannel dst = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                writeFully(dst, ByteBuffer.wrap(NpyLayout.header(dtype, shape)));
                for (Segment s : parts) {
                    copyData(s.file(kind), s.rows(), cols, dtype, dst);
                }
            }
            written.add(tmp);
        }
        for (int k = 0; k < KINDS.length; k++) {
            moveAtomically(written.get(k), out.resolve(KINDS[k] + ".npy"));
        }
    }

    private static void copyData(Path file, long rows, long cols, DType dtype, FileChannel dst)
            throws IOException {
        try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyLayout l = NpyLayout.read(src, file.toString());
            long[] want = cols < 0 ? new long[] {rows} : new long[] {rows, cols};
            boolean emptyOk = rows == 0 && l.size() == 0;
            if (l.dtype() != dtype || !(java.util.Arrays.equals(l.shape(), want) || emptyOk)) {
                throw new FileFormatException(file.toString(), "expected " + dtype.descr() + " "
                        + java.util.Arrays.toString(want) + ", found " + l.dtype().descr() + " "
                        + java.util.Arrays.toString(l.shape()));
            }
            long bytes = l.size() * dtype.itemSize();
            long pos = l.dataOffset();
            while (bytes > 0) {
                long moved = src.transferTo(pos, bytes, dst);
                if (moved <= 0) {
                    throw new FileFormatException(file.toString(), "could not read its data");
                }
                pos += moved;
                bytes -= moved;
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** True for the names a store writes: manifest, final, chunk and temporary files. */
    static boolean isStoreFile(String name) {
        return name.equals(Manifest.FILE) || name.endsWith(".tmp")
                || name.matches("(theta|x|index)(_\\d+_\\d+)?\\.npy");
    }

    /** The entries of {@code dir} (empty if it does not exist). */
    static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        }
        return out;
    }

    /** Deletes the store files (see {@link #isStoreFile}) directly in {@code dir}. */
    static void deleteStoreFiles(Path dir) throws IOException {
        for (Path p : list(dir)) {
            if (Files.isRegularFile(p) && isStoreFile(p.getFileName().toString())) {
                Files.delete(p);
            }
        }
    }

    /** Deletes the leftover temporary files of an interrupted run. */
    static void deleteTemporary(Path dir) throws IOException {
        for (Path p : list(dir)) {
            if (p.getFileName().toString().endsWith(".tmp")) {
                Files.deleteIfExists(p);
            }
        }
    }
}
