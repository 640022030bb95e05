package io.rapport.currency;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The organization's currencies. Reading them for display needs no privilege (a money value is shown with its
 * currency's symbol to whoever may read the value); changing them goes through the record pipeline as any record.
 */
public interface Currencies {

	/** The id of the organization's base currency, seeded at the first start (and on a database from before). */
	UUID BASE_CURRENCY_ID = UUID.fromString("00000000-0000-0000-00cc-000000000001");

	/** The attribute that holds a record's currency, on every entity with money attributes. */
	String ATTRIBUTE = "transactioncurrencyid";

	/** Whether records of the entity carry a currency: it has the {@code transactioncurrencyid} lookup. */
	static boolean carriesCurrency(io.rapport.metadata.EntityDefinition entity) {
		return entity.attribute(ATTRIBUTE).map(a -> a.type() == io.rapport.metadata.AttributeType.Lookup
				&& a.targets().contains("transactioncurrency")).orElse(false);
	}

	Currency base();

	/** The currencies with these ids that exist. */
	Map<UUID, Currency> find(Collection<UUID> ids);
}
