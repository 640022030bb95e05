package io.rapport.customers;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One connection seen from one of its records: who the other record is, the role this record plays ({@code myRole})
 * and the role the other record plays ({@code theirRole}). "Acme is Supplier of Contoso" is, from Acme's side,
 * myRole Supplier, other Contoso, theirRole Customer.
 *
 * @param connectionId the id of the connection row from this record's side (record1 is this record)
 * @param myRole       null when the connection gives this record no role
 * @param theirRole    null when the connection gives the other record no role
 */
public record Connection(UUID connectionId, Party other, Role myRole, Role theirRole, LocalDate effectiveStart,
		LocalDate effectiveEnd, String description, boolean active) {

	/** A connected record: its entity, id and primary name. */
	public record Party(String entity, UUID id, String name) {
	}

	/** A connection role by id and name (the name is null when the reader may not read connection roles). */
	public record Role(UUID id, String name) {
	}
}
