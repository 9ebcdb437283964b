/** The quick benchmark drivers behind {@code sbi4j bench}: sbibm (C2ST per task, budget and observation), npe (one timed run), flows (throughput). */
package org.sbi4j.examples.bench;
