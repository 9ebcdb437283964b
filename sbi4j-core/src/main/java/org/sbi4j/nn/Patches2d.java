package org.sbi4j.nn;

import java.util.Arrays;
import org.sbi4j.kernels.Kernels;
import org.sbi4j.tensor.Ops;

/**
 * im2col and col2im for one image of a {@link Conv2dSpec}, in the transposed (Caffe) layout
 * that lets the convolution write its channel-major output with one GEMM:
 * <pre>  Pᵀ[(c·kh + i)·kw + j, y'·W' + x'] = x[c, y'·s + i − p_h, x'·s + j − p_w]   (0 outside)</pre>
 * Pᵀ is (C·kh·kw)×(H'·W'). With stride 1 each run of a Pᵀ row is a shifted copy of an input row
 * (one arraycopy, one axpy in col2im); other strides go element by element.
 */
final class Patches2d {

    private static final Kernels K = Ops.kernels();

    private final int channels;
    private final int height;
    private final int width;
    private final int kh;
    private final int kw;
    private final int stride;
    private final int ph;
    private final int pw;
    private final int outH;
    private final int outW;

    Patches2d(Conv2dSpec spec) {
        this.channels = spec.input().channels();
        this.height = spec.input().height();
        this.width = spec.input().width();
        this.kh = spec.kernelHeight();
        this.kw = spec.kernelWidth();
        this.stride = spec.stride();
        this.ph = spec.padHeight();
        this.pw = spec.padWidth();
        this.outH = spec.output().height();
        this.outW = spec.output().width();
    }

    /** First x' whose column x'·s + j − p_w is inside the image. */
    private int firstValid(int j) {
        int lo = pw - j;
        return lo <= 0 ? 0 : Math.min(outW, (lo + stride - 1) / stride);
    }

    /** One past the last x' whose column is inside the image. */
    private int endValid(int j) {
        int hi = width - 1 + pw - j; // largest x'·s allowed
        return hi < 0 ? 0 : Math.min(outW, hi / stride + 1);
    }

    /** Writes Pᵀ of the image at x[xOff] into p[pOff]. */
    void im2col(float[] x, int xOff, float[] p, int pOff) {
        int positions = outH * outW;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = pOff + ((c * kh + i) * kw + j) * positions;
                    int lo = firstValid(j);
                    int hi = Math.max(lo, endValid(j));
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * stride + i - ph;
                        int dst = row + oy * outW;
                        if (iy < 0 || iy >= height) {
                            Arrays.fill(p, dst, dst + outW, 0f);
                            continue;
                        }
                        int src = xOff + (c * height + iy) * width + j - pw;
                        for (int t = 0; t < lo; t++) { // a pad or two: no call for so few
                            p[dst + t] = 0f;
                        }
                        if (stride == 1) {
                            System.arraycopy(x, src + lo, p, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                p[dst + ox] = x[src + ox * stride];
                            }
                        }
                        for (int t = hi; t < outW; t++) {
                            p[dst + t] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** dx[dxOff + …] += the entries of dPᵀ at g[gOff] summed onto the pixels they were read from. */
    void col2imAdd(float[] g, int gOff, float[] dx, int dxOff) {
        int positions = outH * outW;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = gOff + ((c * kh + i) * kw + j) * positions;
                    int lo = firstValid(j);
                    int hi = Math.max(lo, endValid(j));
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * stride + i - ph;
                        if (iy < 0 || iy >= height || hi == lo) {
                            continue;
                        }
                        int src = row + oy * outW;
                        int dst = dxOff + (c * height + iy) * width + j - pw;
                        if (stride == 1) {
                            K.axpy(hi - lo, 1f, g, src + lo, dx, dst + lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                dx[dst + ox * stride] += g[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
