package org.sbi4j.io;

/**
 * The element types the {@code .npy} codec reads and writes, all little-endian.
 *
 * <p>The {@link #descr()} string is numpy's array-protocol type string as it appears in the
 * {@code 'descr'} field of an {@code .npy} header (NEP 1: "A simple file format for NumPy
 * arrays", https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 */
public enum DType {
    /** IEEE 754 binary32, numpy {@code float32}, descr {@code <f4}. */
    FLOAT32("<f4", 4),
    /** IEEE 754 binary64, numpy {@code float64}, descr {@code <f8}. */
    FLOAT64("<f8", 8),
    /** Two's complement 64-bit integer, numpy {@code int64}, descr {@code <i8}. */
    INT64("<i8", 8);

    private final String descr;
    private final int itemSize;

    DType(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    /** The numpy type string, e.g. {@code "<f4"}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** The supported type with this descr, or null. */
    static DType fromDescr(String descr) {
        for (DType t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
        }
        return null;
    }
}
