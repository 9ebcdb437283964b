/** Simulators in any language: worker processes speaking JSON lines over stdin/stdout (docs/external-simulators.md), with time-outs. */
package org.sbi4j.workflow.external;
