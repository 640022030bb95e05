package io.rapport.currency.internal;

import java.math.BigDecimal;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.currency.Currencies;
import io.rapport.data.Records;
import io.rapport.query.Queries;

/**
 * At every start, makes sure the organization's base currency exists (with the fixed id
 * {@link Currencies#BASE_CURRENCY_ID}): a first start creates it, and so does the first start of a version with
 * currencies on an existing database. Its code is {@code RAPPORT_BASE_CURRENCY} (ISO 4217, default USD); its name and
 * symbol are the JDK's English ones for that code ("US Dollar", "$").
 */
@Component
@Order(1)
class BaseCurrencySeed implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BaseCurrencySeed.class);

	private final Records records;
	private final Queries queries;
	private final String code;

	BaseCurrencySeed(Records records, Queries queries, @Value("${rapport.base-currency:USD}") String code) {
		this.records = records;
		this.queries = queries;
		this.code = code.trim().toUpperCase(Locale.ROOT);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (seeded()) {
			return;
		}
		java.util.Currency jdk;
		try {
			jdk = java.util.Currency.getInstance(code);
		} catch (IllegalArgumentException e) {
			throw new IllegalStateException("RAPPORT_BASE_CURRENCY '" + code + "' is not an ISO 4217 currency code", e);
		}
		try {
			records.create(Principal.systemPrincipal(), new EntityRecord(StoredCurrencies.ENTITY, Currencies.BASE_CURRENCY_ID)
				.set("currencyname", jdk.getDisplayName(Locale.ENGLISH))
				.set("isocurrencycode", jdk.getCurrencyCode())
				.set("currencysymbol", jdk.getSymbol(Locale.ENGLISH))
				.set("exchangerate", BigDecimal.ONE)
				.set("currencyprecision", Math.max(0, Math.min(4, jdk.getDefaultFractionDigits()))));
			log.info("Created the base currency {}", jdk.getCurrencyCode());
		} catch (RapportException e) {
			if (!seeded()) {
				throw e;
			}
			log.info("Another node created the base currency first");
		}
	}

	private boolean seeded() {
		return queries.retrieve(Principal.systemPrincipal(), StoredCurrencies.ENTITY, Currencies.BASE_CURRENCY_ID, java.util.List.of())
			.isPresent();
	}
}
