/** Accounts and contacts: their typed rules in the record pipeline, and the demo data of a first start. */
package io.rapport.customers;
