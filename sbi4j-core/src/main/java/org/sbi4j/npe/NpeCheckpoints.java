package org.sbi4j.npe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.sbi4j.data.Dataset;
import org.sbi4j.tensor.Matrix;
import org.sbi4j.train.Checkpoint;
import org.sbi4j.train.Checkpoints;
import org.sbi4j.train.EpochRecord;
import org.sbi4j.train.Trainer;
import org.sbi4j.train.TrainingListener;

/**
 * The checkpoint folder of one training ({@link NpeBuilder#checkpoints}): one checkpoint per
 * ensemble member, {@code member-<k>.ckpt}, replaced atomically after every epoch, and
 * {@value #RUN_FILE}, which names the training they belong to (seed, settings, data size and a
 * CRC-32 of the data), so that checkpoints of another training are refused instead of resumed.
 */
final class NpeCheckpoints {

    /** The file naming the training the checkpoints belong to. */
    static final String RUN_FILE = "training.txt";

    private final Path dir;

    private NpeCheckpoints(Path dir) {
        this.dir = dir;
    }

    /**
     * The folder for the training described by {@code run}: created if needed; refused if it
     * holds checkpoints of another training.
     */
    static NpeCheckpoints open(Path dir, long seed, NpeSettings settings, Dataset data) {
        String run = "seed " + seed + "\nsettings " + settings + "\npairs " + data.size()
                + "\nx shape " + Arrays.toString(data.xShape()) + "\ndata crc32 "
                + Long.toHexString(crc(data.theta(), crc(data.x(), new CRC32()))
                .getValue()) + "\n";
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve(RUN_FILE);
            if (Files.exists(f)) {
                String had = Files.readString(f, StandardCharsets.UTF_8);
                if (!had.equals(run)) {
                    throw new IllegalArgumentException("the checkpoint folder " + dir
                            + " holds checkpoints of another training (" + firstDifference(had,
                            run) + "); delete it or give another folder");
                }
            } else {
                Files.writeString(f, run, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the checkpoint folder " + dir + ": "
                    + e.getMessage(), e);
        }
        return new NpeCheckpoints(dir);
    }

    private static CRC32 crc(Matrix m, CRC32 crc) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * Math.max(1, m.cols()));
        for (int i = 0; i < m.rows(); i++) {
            b.clear();
            int off = m.rowOffset(i);
            for (int j = 0; j < m.cols(); j++) {
                b.putFloat(m.data()[off + j]);
            }
            crc.update(b.array(), 0, b.position());
        }
        return crc;
    }

    private static String firstDifference(String had, String now) {
        String[] a = had.split("\n");
        String[] b = now.split("\n");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "it has " + a[i] + ", this training " + b[i];
            }
        }
        return "its description differs";
    }

    private Path file(int member) {
        return dir.resolve("member-" + member + ".ckpt");
    }

    /** {@code trainer} resuming member {@code k} from its checkpoint, when there is one. */
    Trainer resume(Trainer trainer, int k) {
        Path f = file(k);
        if (!Files.exists(f)) {
            return trainer;
        }
        try {
            return trainer.resumeFrom(Checkpoints.load(f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + f + ": " + e.getMessage(), e);
        }
    }

    /** {@code inner}, also saving member {@code k}'s checkpoint after every epoch. */
    TrainingListener saving(TrainingListener inner, int k) {
        Path f = file(k);
        return new TrainingListener() {
            @Override
            public boolean onEpoch(EpochRecord epoch) {
                return inner.onEpoch(epoch);
            }

            @Override
            public boolean wantsCheckpoints() {
                return true;
            }

            @Override
            public void onCheckpoint(Checkpoint c) {
                try {
                    Checkpoints.save(c, f);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the checkpoint " + f + ": "
                            + e.getMessage(), e);
                }
                inner.onCheckpoint(c);
            }
        };
    }
}
