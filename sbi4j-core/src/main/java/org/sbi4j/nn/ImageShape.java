package org.sbi4j.nn;

/**
 * The shape [C, H, W] of a multi-channel image, flattened channel-major into one matrix row:
 * value (c, y, x) at column c·H·W + y·W + x (the flat layout of
 * {@code Simulator.xShape() = {C, H, W}}, as NumPy's C order).
 *
 * @param channels C ≥ 1
 * @param height   H ≥ 1
 * @param width    W ≥ 1
 */
public record ImageShape(int channels, int height, int width) {

    /** @throws IllegalArgumentException if a size is not positive or C·H·W overflows an int */
    public ImageShape {
        Shapes.checkPositive("image channels", channels);
        Shapes.checkPositive("image height", height);
        Shapes.checkPositive("image width", width);
        try {
            Math.multiplyExact(Math.multiplyExact(channels, height), width);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("image " + channels + "x" + height + "x" + width
                    + " has more than 2^31 values", e);
        }
    }

    /** [C, H, W]. */
    public static ImageShape of(int channels, int height, int width) {
        return new ImageShape(channels, height, width);
    }

    /** H·W, the values per channel. */
    public int pixels() {
        return height * width;
    }

    /** C·H·W, the columns of a flattened row. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
