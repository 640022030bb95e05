package io.rapport.activities;

import java.util.List;
import java.util.UUID;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/** Activities with their parties, created and read as one. */
public interface Activities {

	/**
	 * Creates the activity and its parties through the record pipeline in one transaction, as the principal: either all
	 * are created or none. A party whose participation does not apply to the kind of activity is refused naming
	 * {@code parties[i].participation}.
	 *
	 * @return the id of the activity
	 */
	UUID create(Principal principal, EntityRecord activity, List<ActivityParty> parties);

	/**
	 * The parties of an activity the principal may read, by participation type (Dataverse's values: From, To, Cc, Bcc,
	 * Required, Optional, Organizer…), then in the order they were added; 404 when the activity is not readable.
	 */
	List<ActivityParty> parties(Principal principal, RecordRef activity);
}
