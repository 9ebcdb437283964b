/** Job files (YAML or JSON, docs/job-file.md): the records, the strict-key reader, and the priors, simulators and observations they describe. */
package org.sbi4j.workflow.job;
