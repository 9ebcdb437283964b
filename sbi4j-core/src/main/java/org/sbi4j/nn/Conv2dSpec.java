package org.sbi4j.nn;

import org.sbi4j.nn.Conv1d.Padding;

/**
 * Settings of a {@link Conv2d}: input image shape, number of filters, kernel kh×kw, stride s
 * (both directions) and zero padding, with the output shape derived as for {@link Conv1d}:
 * p_h = (kh−1)/2, p_w = (kw−1)/2 for {@link Padding#SAME} (odd kernels), 0 for
 * {@link Padding#VALID}, and
 * <pre>  H' = ⌊(H + 2p_h − kh)/s⌋ + 1,   W' = ⌊(W + 2p_w − kw)/s⌋ + 1.</pre>
 *
 * @param input        [C, H, W]
 * @param filters      F ≥ 1, the output channels
 * @param kernelHeight kh ≥ 1
 * @param kernelWidth  kw ≥ 1
 * @param stride       s ≥ 1
 * @param padding      VALID or SAME
 */
public record Conv2dSpec(ImageShape input, int filters, int kernelHeight, int kernelWidth,
                         int stride, Padding padding) {

    /**
     * @throws IllegalArgumentException for a null shape or padding, non-positive sizes, an even
     *         kernel with SAME padding or a kernel larger than the padded input
     */
    public Conv2dSpec {
        if (input == null) {
            throw new IllegalArgumentException("Conv2d: input shape must not be null");
        }
        if (padding == null) {
            throw new IllegalArgumentException("Conv2d: padding must not be null");
        }
        Shapes.checkPositive("Conv2d: filters", filters);
        Shapes.checkPositive("Conv2d: kernel height", kernelHeight);
        Shapes.checkPositive("Conv2d: kernel width", kernelWidth);
        Shapes.checkPositive("Conv2d: stride", stride);
        if (padding == Padding.SAME && (kernelHeight % 2 == 0 || kernelWidth % 2 == 0)) {
            throw new IllegalArgumentException("Conv2d: SAME padding needs an odd kernel, got "
                    + kernelHeight + "x" + kernelWidth);
        }
        int ph = padding == Padding.SAME ? (kernelHeight - 1) / 2 : 0;
        int pw = padding == Padding.SAME ? (kernelWidth - 1) / 2 : 0;
        if (kernelHeight > input.height() + 2 * ph || kernelWidth > input.width() + 2 * pw) {
            throw new IllegalArgumentException("Conv2d: kernel " + kernelHeight + "x"
                    + kernelWidth + " exceeds the (padded) input " + (input.height() + 2 * ph)
                    + "x" + (input.width() + 2 * pw));
        }
    }

    /** A k×k kernel, stride 1, SAME padding: the output keeps H×W. */
    public static Conv2dSpec same(ImageShape input, int filters, int kernel) {
        return new Conv2dSpec(input, filters, kernel, kernel, 1, Padding.SAME);
    }

    /** p_h, the zero rows above and below. */
    public int padHeight() {
        return padding == Padding.SAME ? (kernelHeight - 1) / 2 : 0;
    }

    /** p_w, the zero columns left and right. */
    public int padWidth() {
        return padding == Padding.SAME ? (kernelWidth - 1) / 2 : 0;
    }

    /** [F, H', W']. */
    public ImageShape output() {
        int h = (input.height() + 2 * padHeight() - kernelHeight) / stride + 1;
        int w = (input.width() + 2 * padWidth() - kernelWidth) / stride + 1;
        return new ImageShape(filters, h, w);
    }

    /** C·kh·kw, the values one output position reads (the fan-in). */
    public int patchSize() {
        return input.channels() * kernelHeight * kernelWidth;
    }
}
