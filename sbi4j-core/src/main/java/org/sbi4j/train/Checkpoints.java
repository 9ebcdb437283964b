package org.sbi4j.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.optim.Adam;

/**
 * Reads and writes {@link Checkpoint}s: a small binary file (magic {@code SBI4JCKP}, version 1,
 * big-endian), written to a temporary file and moved into place so a crash never leaves a
 * half-written checkpoint.
 */
public final class Checkpoints {

    private static final long MAGIC = 0x534249344A434B50L; // "SBI4JCKP"
    private static final int VERSION = 1;

    private Checkpoints() {
    }

    /** Writes c to path atomically. */
    public static void save(Checkpoint c, Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(tmp)))) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(c.epoch());
            out.writeLong(c.shuffleSeed());
            writeFloats(out, c.weights());
            out.writeInt(c.adam().steps());
            out.writeInt(c.adam().m().length);
            for (int p = 0; p < c.adam().m().length; p++) {
                writeFloats(out, c.adam().m()[p]);
                writeFloats(out, c.adam().v()[p]);
            }
            writeFloats(out, c.bestWeights());
            out.writeInt(c.bestEpoch());
            out.writeDouble(c.bestLoss());
            out.writeInt(c.epochsWithoutImprovement());
            out.writeDouble(c.lrScale());
            out.writeInt(c.recoveries());
            out.writeInt(c.records().size());
            for (EpochRecord r : c.records()) {
                out.writeInt(r.epoch());
                out.writeDouble(r.trainLoss());
                out.writeDouble(r.validationLoss());
                out.writeDouble(r.learningRate());
                out.writeDouble(r.seconds());
                out.writeInt(r.skippedSteps());
            }
            out.writeInt(c.events().size());
            for (String e : c.events()) {
                out.writeUTF(e);
            }
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a checkpoint written by {@link #save}. */
    public static Checkpoint load(Path path) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(path)))) {
            if (in.readLong() != MAGIC) {
                throw new IOException(path + " is not an sbi4j training checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(path + " is a checkpoint of version " + version
                        + "; this sbi4j reads version " + VERSION);
            }
            int epoch = in.readInt();
            long seed = in.readLong();
            float[] weights = readFloats(in);
            int steps = in.readInt();
            int np = in.readInt();
            float[][] m = new float[np][];
            float[][] v = new float[np][];
            for (int p = 0; p < np; p++) {
                m[p] = readFloats(in);
                v[p] = readFloats(in);
            }
            float[] best = readFloats(in);
            int bestEpoch = in.readInt();
            double bestLoss = in.readDouble();
            int since = in.readInt();
            double lrScale = in.readDouble();
            int recoveries = in.readInt();
            int nr = in.readInt();
            List<EpochRecord> records = new ArrayList<>(nr);
            for (int i = 0; i < nr; i++) {
                records.add(new EpochRecord(in.readInt(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readInt()));
            }
            int ne = in.readInt();
            List<String> events = new ArrayList<>(ne);
            for (int i = 0; i < ne; i++) {
                events.add(in.readUTF());
            }
            return new Checkpoint(epoch, seed, weights, new Adam.State(steps, m, v), best,
                    bestEpoch, bestLoss, since, lrScale, recoveries, records, events);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) {
            out.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("damaged checkpoint: negative array length " + n);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }
}
