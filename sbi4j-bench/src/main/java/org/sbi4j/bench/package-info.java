/** JMH benchmarks of the kernels, flows and training steps (docs/benchmarks.md); never a dependency of the other modules. */
package org.sbi4j.bench;
