/**
 * Currencies (Dataverse's {@code transactioncurrency}): the organization's base currency, seeded at start-up, the
 * currencies administrators add with their exchange rates, and the pipeline rule that gives every new record with a
 * currency lookup the base currency and captures the exchange rate on the record.
 */
package io.rapport.currency;
