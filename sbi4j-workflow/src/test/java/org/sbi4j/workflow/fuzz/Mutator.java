package org.sbi4j.workflow.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of an input: bit flips, interesting bytes and 32-bit integers (both byte
 * orders), deletions, insertions, duplicated and spliced chunks, truncation, and, for text,
 * numbers replaced by interesting ones (negative, zero, the int and long limits, huge, NaN): the
 * last is what exposes sizes declared in headers (shapes, lengths, counts).
 */
public final class Mutator {

    private static final byte[] BYTES = {0, 1, -1, 0x7F, (byte) 0x80, '0', '9', '-', '"', ',',
            '\n', '[', ']', '{', '}', ':', '='};
    private static final int[] INTS = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
            0x7FFF, 0xFFFF, 1 << 24, 1 << 30, 65536};
    private static final List<String> NUMBERS = List.of("-1", "0", "2147483647",
            "2147483648", "-2147483648", "9223372036854775807", "99999999999999999999", "1e308",
            "-1e308", "NaN", "inf", "1e-320", "3000000000", "65536", "100000000");

    private final SplittableRandom rng;

    public Mutator(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** A mutant of {@code input}: 1 to 4 stacked mutations, splicing from {@code corpus}. */
    public byte[] mutate(byte[] input, List<byte[]> corpus) {
        byte[] b = input;
        int n = 1 + rng.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = once(b, corpus.get(rng.nextInt(corpus.size())));
        }
        return b;
    }

    private byte[] once(byte[] b, byte[] other) {
        if (b.length == 0) {
            return other.clone();
        }
        int at = rng.nextInt(b.length);
        return switch (rng.nextInt(9)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << rng.nextInt(8));
                yield c;
            }
            case 1 -> {
                byte[] c = b.clone();
                c[at] = BYTES[rng.nextInt(BYTES.length)];
                yield c;
            }
            case 2 -> {
                byte[] c = b.clone();
                int v = INTS[rng.nextInt(INTS.length)];
                for (int k = 0; k < 4 && at + k < c.length; k++) {
                    int shift = rng.nextBoolean() ? 8 * k : 24 - 8 * k;
                    c[at + k] = (byte) (v >>> shift);
                }
                yield c;
            }
            case 3 -> cut(b, at, Math.min(b.length, at + 1 + rng.nextInt(16)));
            case 4 -> splice(b, at, b, at, Math.min(b.length, at + 1 + rng.nextInt(32)));
            case 5 -> {
                int from = rng.nextInt(other.length == 0 ? 1 : other.length);
                yield splice(b, at, other, Math.min(from, other.length),
                        Math.min(other.length, from + 1 + rng.nextInt(64)));
            }
            case 6 -> java.util.Arrays.copyOf(b, at);
            case 7 -> {
                byte[] c = b.clone();
                c[at] = (byte) rng.nextInt(256);
                yield c;
            }
            default -> replaceNumber(b, at);
        };
    }

    private static byte[] cut(byte[] b, int from, int to) {
        byte[] c = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(b, to, c, from, b.length - to);
        return c;
    }

    private static byte[] splice(byte[] b, int at, byte[] src, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + to - from);
        out.write(b, 0, at);
        out.write(src, from, to - from);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    /** Replaces the run of digits at or after {@code at} by an interesting number. */
    private byte[] replaceNumber(byte[] b, int at) {
        int start = at;
        while (start < b.length && !Character.isDigit(b[start])) {
            start++;
        }
        if (start == b.length) {
            return b;
        }
        int end = start;
        while (end < b.length && (Character.isDigit(b[end]) || b[end] == '.')) {
            end++;
        }
        byte[] num = NUMBERS.get(rng.nextInt(NUMBERS.size())).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + num.length);
        out.write(b, 0, start);
        out.write(num, 0, num.length);
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }
}
