package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sbi4j.nn.Conv1d.Padding;
import org.sbi4j.tensor.Matrix;

class Conv2dTest {

    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23L);

    private Conv2d conv(Conv2dSpec spec) {
        Conv2d conv = Conv2d.of("conv", spec, Init.GLOROT_UNIFORM, rng);
        conv.bias().value().copyFrom(LayerGradientCheck.random(1, spec.filters(), 0.5, rng));
        return conv;
    }

    private static Conv2dSpec spec(int c, int h, int w, int f, int kh, int kw, int s, Padding p) {
        return new Conv2dSpec(ImageShape.of(c, h, w), f, kh, kw, s, p);
    }

    /** The textbook definition, in double. */
    private static double direct(Conv2d conv, Matrix x, int row, int f, int oy, int ox) {
        Conv2dSpec s = conv.spec();
        ImageShape in = s.input();
        double y = conv.bias().value().get(0, f);
        for (int c = 0; c < in.channels(); c++) {
            for (int i = 0; i < s.kernelHeight(); i++) {
                for (int j = 0; j < s.kernelWidth(); j++) {
                    int iy = oy * s.stride() + i - s.padHeight();
                    int ix = ox * s.stride() + j - s.padWidth();
                    if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                        y += (double) conv.weight().value().get(f,
                                (c * s.kernelHeight() + i) * s.kernelWidth() + j)
                                * x.get(row, (c * in.height() + iy) * in.width() + ix);
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @CsvSource({"2,7,6,3,3,3,1,SAME,7,6", "1,9,8,2,3,5,2,SAME,5,4", "3,6,7,2,2,3,1,VALID,5,5",
            "2,8,5,4,3,3,3,VALID,2,1", "1,1,1,2,3,3,1,SAME,1,1", "2,5,9,3,1,1,2,VALID,3,5"})
    void forwardMatchesTheDefinition(int c, int h, int w, int f, int kh, int kw, int s,
                                     Padding padding, int outH, int outW) {
        Conv2d conv = conv(spec(c, h, w, f, kh, kw, s, padding));
        assertThat(conv.outputShape()).isEqualTo(ImageShape.of(f, outH, outW));
        Matrix x = LayerGradientCheck.random(11, c * h * w, 1.0, rng);
        Matrix y = conv.forward(x, conv.workspace(12));
        for (int i = 0; i < x.rows(); i++) {
            for (int ff = 0; ff < f; ff++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        assertThat((double) y.get(i, (ff * outH + oy) * outW + ox))
                                .isCloseTo(direct(conv, x, i, ff, oy, ox), offset(1e-5));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2,7,6,3,3,3,1,SAME", "1,9,8,2,3,5,2,SAME", "3,6,7,2,2,3,1,VALID",
            "2,8,5,4,3,3,3,VALID", "1,2,3,2,5,3,1,SAME", "2,5,9,3,1,1,2,VALID",
            "1,8,9,2,3,3,1,SAME"})
    void gradientsMatchFiniteDifferences(int c, int h, int w, int f, int kh, int kw, int s,
                                         Padding padding) {
        // 10 rows: several shards, one of them short; the last two cases have H'·W' ≥ 4·C·kh·kw
        // (dW by dot products), the others use gemmNT
        LayerGradientCheck.check(conv(spec(c, h, w, f, kh, kw, s, padding)),
                LayerGradientCheck.random(10, c * h * w, 1.0, rng), rng);
    }

    /**
     * A batch large enough to be split over the kernels' threads (2·n·F·K·P above
     * {@link Conv2d#MIN_PARALLEL_FLOPS}) gives each row's output and input gradient with the
     * same bits as that row alone (computed on the caller), and parameter gradients equal to the
     * sum of the rows' gradients up to float rounding (relative 1e-4).
     */
    @Test
    void splitBatchesMatchRowByRowPasses() {
        Conv2d conv = conv(Conv2dSpec.same(ImageShape.of(4, 24, 24), 8, 3));
        int n = 16;
        assertThat(2L * n * 8 * 36 * 576).isGreaterThan(Conv2d.MIN_PARALLEL_FLOPS);
        Matrix x = LayerGradientCheck.random(n, conv.inputSize(), 1.0, rng);
        Matrix g = LayerGradientCheck.random(n, conv.outputSize(), 1.0, rng);
        Layer.Workspace ws = conv.workspace(n);
        Params.zeroGrad(conv.params());
        Matrix y = conv.forward(x, ws).copy();
        Matrix dx = conv.backward(g, ws).copy();
        float[] dw = conv.weight().grad().toArray();
        float[] db = conv.bias().grad().toArray();

        Params.zeroGrad(conv.params());
        Layer.Workspace one = conv.workspace(1);
        for (int i = 0; i < n; i++) {
            assertThat(conv.forward(x.rowView(i, 1), one).row(0)).containsExactly(y.row(i));
            assertThat(conv.backward(g.rowView(i, 1), one).row(0)).containsExactly(dx.row(i));
        }
        assertClose(conv.weight().grad().toArray(), dw);
        assertClose(conv.bias().grad().toArray(), db);
    }

    private static void assertClose(float[] expected, float[] actual) {
        float scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).isCloseTo(expected[k], offset(1e-4f * scale));
        }
    }

    @Test
    void badSettingsAndShapesAreNamed() {
        ImageShape img = ImageShape.of(1, 8, 8);
        assertThatThrownBy(() -> new Conv2dSpec(img, 2, 4, 3, 1, Padding.SAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd kernel");
        assertThatThrownBy(() -> new Conv2dSpec(img, 2, 3, 3, 0, Padding.SAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
        assertThatThrownBy(() -> new Conv2dSpec(img, 2, 9, 3, 1, Padding.VALID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> ImageShape.of(1, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height");
        Conv2d c = conv(Conv2dSpec.same(img, 2, 3));
        assertThatThrownBy(() -> c.forward(Matrix.of(2, 63), c.workspace(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nx64");
        assertThatThrownBy(() -> c.forward(Matrix.of(3, 64), c.workspace(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more rows");
    }
}
