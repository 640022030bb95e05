package io.rapport.activities;

import java.util.UUID;

import io.rapport.core.RecordRef;

/**
 * One party of an activity: who (a user, account or contact, or only an address) takes part, and how.
 *
 * @param id          the party row's id, or null before it is stored
 * @param party       the user, account or contact, or null when only the address is known
 * @param addressUsed the email address, phone number or postal address used, or null
 */
public record ActivityParty(UUID id, Participation participation, RecordRef party, String addressUsed) {

	public static ActivityParty of(Participation participation, RecordRef party) {
		return new ActivityParty(null, participation, party, null);
	}
}
