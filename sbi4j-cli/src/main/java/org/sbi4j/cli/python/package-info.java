/**
 * The Java side of the Python front end ({@code python/sbi4j}, over JPype): static calls that
 * take and return flat {@code float[]}/{@code double[]} arrays (row-major, with the row count
 * given), so that one Python call crosses the boundary once and arrays cross as one bulk copy,
 * never element by element. Like the command line, these classes only convert and call the
 * library ({@code org.sbi4j.npe}, {@code posterior}, {@code diagnostics}, {@code workflow});
 * they hold no algorithm. Bad input is refused with an {@link IllegalArgumentException} naming
 * the problem and the value; the Python layer re-raises its message.
 */
package org.sbi4j.cli.python;
