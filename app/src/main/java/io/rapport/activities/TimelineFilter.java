package io.rapport.activities;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.rapport.core.RapportException;

/**
 * What a timeline shows: which kinds of activity, whether notes, and activities in which states. Notes have no
 * activity state, so a filter by state shows activities only.
 */
public record TimelineFilter(Set<ActivityType> activityTypes, boolean notes, Set<ActivityState> states) {

	/** The name of notes in a {@code types} list, beside the activity entities' names. */
	public static final String NOTES = "annotation";

	public TimelineFilter {
		activityTypes = activityTypes == null || activityTypes.isEmpty() ? EnumSet.noneOf(ActivityType.class)
				: EnumSet.copyOf(activityTypes);
		states = states == null || states.isEmpty() ? EnumSet.noneOf(ActivityState.class) : EnumSet.copyOf(states);
		notes = notes && states.isEmpty();
	}

	public static TimelineFilter everything() {
		return new TimelineFilter(EnumSet.allOf(ActivityType.class), true, Set.of());
	}

	/**
	 * Reads the filter from comma-separated lists: {@code types} of activity entity names and {@code annotation} (or
	 * {@code note}), {@code states} of open, completed, canceled. Blank or null means all. Unknown names are refused
	 * naming the parameter.
	 */
	public static TimelineFilter parse(String types, String states) {
		Set<ActivityType> activityTypes = EnumSet.noneOf(ActivityType.class);
		boolean notes = false;
		if (types == null || types.isBlank()) {
			activityTypes = EnumSet.allOf(ActivityType.class);
			notes = true;
		} else {
			for (String name : parts(types)) {
				if (name.equals(NOTES) || name.equals("note")) {
					notes = true;
				} else {
					activityTypes.add(ActivityType.find(name).orElseThrow(() -> RapportException.invalid("types", "'" + name
							+ "' is not an activity or note type; use " + Arrays.stream(ActivityType.values())
								.map(ActivityType::logicalName).toList() + " or " + NOTES)));
				}
			}
		}
		Set<ActivityState> wanted = EnumSet.noneOf(ActivityState.class);
		if (states != null && !states.isBlank()) {
			for (String name : parts(states)) {
				wanted.add(Arrays.stream(ActivityState.values()).filter(s -> s.name().toLowerCase(Locale.ROOT).equals(name))
					.findFirst()
					.orElseThrow(() -> RapportException.invalid("state", "'" + name + "' is not a state; use open, completed or canceled")));
			}
		}
		return new TimelineFilter(activityTypes, notes, wanted);
	}

	private static String[] parts(String list) {
		return Arrays.stream(list.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
			.toArray(String[]::new);
	}
}
