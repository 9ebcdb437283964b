/** The documented example analyses and the demo ({@code sbi4j example}, {@code sbi4j demo}), as library code on sbi4j-workflow. */
package org.sbi4j.examples;
