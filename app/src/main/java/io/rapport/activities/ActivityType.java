package io.rapport.activities;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.rapport.core.RapportException;

/**
 * The kinds of activity, by their Dataverse entity, with the participation types each one has (Dataverse: email
 * From/To/Cc/Bcc, phone call and fax From/To, letter From/To/Bcc, appointment Organizer/Required/Optional, task none).
 */
public enum ActivityType {

	PhoneCall("phonecall", Participation.Sender, Participation.ToRecipient),
	Email("email", Participation.Sender, Participation.ToRecipient, Participation.CcRecipient, Participation.BccRecipient),
	Letter("letter", Participation.Sender, Participation.ToRecipient, Participation.BccRecipient),
	Fax("fax", Participation.Sender, Participation.ToRecipient),
	Appointment("appointment", Participation.Organizer, Participation.RequiredAttendee, Participation.OptionalAttendee),
	Task("task");

	/** The state values every activity entity shares (statecode). */
	public static final int OPEN = 0;
	public static final int COMPLETED = 1;
	public static final int CANCELED = 2;
	/** An appointment that is booked: still open for work, shown as busy. */
	public static final int SCHEDULED = 3;

	private final String logicalName;
	private final EnumSet<Participation> participations;

	ActivityType(String logicalName, Participation... participations) {
		this.logicalName = logicalName;
		this.participations = EnumSet.noneOf(Participation.class);
		this.participations.addAll(List.of(participations));
	}

	public String logicalName() {
		return logicalName;
	}

	/** The participation types a party of this kind of activity may have. */
	public Set<Participation> participations() {
		return EnumSet.copyOf(participations);
	}

	public boolean allows(Participation participation) {
		return participations.contains(participation);
	}

	/** Why a participation does not apply, in words, naming what does ({@code plural}: "phone calls"). */
	public String refusal(Participation participation, String plural) {
		return participations.isEmpty() ? plural + " have no parties"
				: participation.label() + " does not apply to " + plural + "; use "
						+ String.join(", ", Participation.labels(participations));
	}

	/** A completed or canceled activity is closed: read-only until it is reopened. */
	public static boolean closed(Integer state) {
		return state != null && (state == COMPLETED || state == CANCELED);
	}

	public static Optional<ActivityType> find(String logicalName) {
		return Arrays.stream(values()).filter(t -> t.logicalName.equals(logicalName)).findFirst();
	}

	/** The activity type of an entity, or a 400 naming {@code field} when the entity is not an activity. */
	public static ActivityType of(String field, String logicalName) {
		return find(logicalName).orElseThrow(() -> RapportException.invalid(field, "'" + logicalName
				+ "' is not an activity; use one of " + Arrays.stream(values()).map(ActivityType::logicalName).toList()));
	}
}
