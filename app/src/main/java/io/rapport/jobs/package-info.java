/** Background jobs (Dataverse's system jobs): submitted as records, claimed by one node, run with progress and checkpoints, cancelled, retried and resumed after a restart. */
package io.rapport.jobs;
