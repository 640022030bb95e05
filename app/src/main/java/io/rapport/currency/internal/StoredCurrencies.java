package io.rapport.currency.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.currency.Currencies;
import io.rapport.currency.Currency;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/** Reads currencies through the query model as the system: their symbols and rates are needed to show any money value. */
@Component
class StoredCurrencies implements Currencies {

	static final String ENTITY = "transactioncurrency";
	static final List<String> COLUMNS = List.of("currencyname", "isocurrencycode", "currencysymbol", "exchangerate",
			"currencyprecision", "statecode");

	private final Queries queries;

	StoredCurrencies(Queries queries) {
		this.queries = queries;
	}

	@Override
	public Currency base() {
		Currency base = find(List.of(BASE_CURRENCY_ID)).get(BASE_CURRENCY_ID);
		if (base == null) {
			throw new RapportException(503, "NoBaseCurrency", "The organization's base currency is not set up yet.");
		}
		return base;
	}

	@Override
	public Map<UUID, Currency> find(Collection<UUID> ids) {
		Map<UUID, Currency> found = new LinkedHashMap<>();
		List<Object> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().map(id -> (Object) id).toList();
		if (distinct.isEmpty()) {
			return found;
		}
		Query q = Query.of(ENTITY).select(COLUMNS)
			.where(new Criterion.Condition(null, "transactioncurrencyid", Operator.In, distinct))
			.page(Query.MAX_PAGE_SIZE);
		for (EntityRecord r : queries.execute(Principal.systemPrincipal(), q).records()) {
			found.put(r.id(), of(r));
		}
		return found;
	}

	static Currency of(EntityRecord r) {
		Object precision = r.get("currencyprecision");
		Object state = r.get("statecode");
		return new Currency(r.id(), r.getString("currencyname"), r.getString("isocurrencycode"), r.getString("currencysymbol"),
				(BigDecimal) r.get("exchangerate"), precision instanceof Number n ? n.intValue() : 2,
				!(state instanceof Number s) || s.intValue() == 0);
	}
}
