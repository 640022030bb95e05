/**
 * Accounts, contacts and the connections between them: their typed rules in the record pipeline, the default
 * connection roles, duplicate detection rules and jobs, merging, and the demo data of a first start.
 */
package io.rapport.customers;
