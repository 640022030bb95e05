/**
 * Accounts and contacts: their typed rules in the record pipeline, duplicate detection rules and jobs, merging, and
 * the demo data of a first start.
 */
package io.rapport.customers;
