/** Distributed simulation on Apache Spark: chunks of simulation indices run on executors with the same per-index streams as a local run (optional module). */
package org.sbi4j.spark;
