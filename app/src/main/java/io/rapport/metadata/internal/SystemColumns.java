package io.rapport.metadata.internal;

import java.util.ArrayList;
import java.util.List;

import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntitySpec.StateSpec;
import io.rapport.metadata.OptionDefinition;
import io.rapport.metadata.RequiredLevel;

/** The one builder of the columns every entity table has, whatever its definition says. */
final class SystemColumns {

	private SystemColumns() {
	}

	static List<AttributeDefinition> attributes(String primaryId, List<StateSpec> states) {
		List<AttributeDefinition> list = new ArrayList<>();
		list.add(system(primaryId, "Id", AttributeType.Uniqueidentifier, RequiredLevel.SystemRequired, List.of(), List.of()));
		list.add(system("createdon", "Created On", AttributeType.DateTime, RequiredLevel.None, List.of(), List.of()));
		list.add(system("createdby", "Created By", AttributeType.Lookup, RequiredLevel.None, List.of(), List.of("systemuser")));
		list.add(system("modifiedon", "Modified On", AttributeType.DateTime, RequiredLevel.None, List.of(), List.of()));
		list.add(system("modifiedby", "Modified By", AttributeType.Lookup, RequiredLevel.None, List.of(), List.of("systemuser")));
		list.add(system("ownerid", "Owner", AttributeType.Owner, RequiredLevel.None, List.of(), List.of("systemuser", "team")));
		list.add(system("owningbusinessunit", "Owning Business Unit", AttributeType.Lookup, RequiredLevel.None, List.of(),
				List.of("businessunit")));
		List<OptionDefinition> stateOptions = new ArrayList<>();
		List<OptionDefinition> statusOptions = new ArrayList<>();
		for (StateSpec s : states) {
			int defaultStatus = s.defaultStatus() != null ? s.defaultStatus() : s.statuses().get(0).value();
			stateOptions.add(new OptionDefinition(s.value(), s.label(), null, defaultStatus));
			s.statuses().forEach(o -> statusOptions.add(new OptionDefinition(o.value(), o.label(), s.value(), null)));
		}
		list.add(system("statecode", "Status", AttributeType.State, RequiredLevel.SystemRequired, stateOptions, List.of()));
		list.add(system("statuscode", "Status Reason", AttributeType.Status, RequiredLevel.None, statusOptions, List.of()));
		list.add(system("versionnumber", "Version Number", AttributeType.BigInt, RequiredLevel.None, List.of(), List.of()));
		return list;
	}

	private static AttributeDefinition system(String name, String label, AttributeType type, RequiredLevel level,
			List<OptionDefinition> options, List<String> targets) {
		return new AttributeDefinition(name, label, type, level, null, null, null, null, null, options, targets, null,
				false, true, null, false);
	}
}
