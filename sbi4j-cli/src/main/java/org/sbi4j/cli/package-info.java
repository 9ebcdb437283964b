/**
 * The {@code sbi4j} command line: thin picocli commands that parse options, call
 * {@code org.sbi4j.workflow} or {@code org.sbi4j.examples} and print (progress bars through
 * progressbar, logs through an SLF4J binding — the only module that has either).
 */
package org.sbi4j.cli;
