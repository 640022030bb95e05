package io.rapport.customers.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.core.RapportException.AttributeError;
import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/**
 * What makes a connection valid: two different connectable records, roles that apply to the record type of their
 * side and that match each other, dates in order. When only one role is given, the other is the single matching
 * role that applies to the other record. The records of a connection never change; its reciprocal row and master
 * flag are Rapport's to set.
 */
@Component
class ConnectionRules implements PipelineHandler {

	private final StoredConnectionRoles roles;
	private final ConnectableEntities connectable;

	ConnectionRules(StoredConnectionRoles roles, ConnectableEntities connectable) {
		this.roles = roles;
		this.connectable = connectable;
	}

	@Override
	public String entity() {
		return "connection";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		if (ReverseConnection.isReverseRow(context)) {
			return;
		}
		refusePlatformAttributes(context);
		boolean create = context.message() == Message.Create;
		if (create) {
			checkRecords(context.target());
			context.target().set("ismaster", true);
		} else {
			refuseRecordChanges(context);
		}
		if (create || context.target().has("record1roleid") || context.target().has("record2roleid")) {
			checkRoles(context);
		}
		checkDates(context);
	}

	private static void refusePlatformAttributes(PipelineContext context) {
		if (context.principal().isSystem()) {
			return;
		}
		for (String attribute : List.of("relatedconnectionid", "ismaster")) {
			if (context.target().has(attribute) && (context.preImage() == null
					|| !Objects.equals(context.target().get(attribute), context.preImage().get(attribute)))) {
				throw RapportException.invalid(attribute, "is set by Rapport, which keeps the two rows of a connection in step");
			}
		}
	}

	private void checkRecords(EntityRecord target) {
		List<AttributeError> errors = new ArrayList<>();
		for (String attribute : List.of("record1id", "record2id")) {
			RecordRef record = (RecordRef) target.get(attribute);
			if (record == null) {
				errors.add(new AttributeError(attribute, "is required"));
			} else if (!connectable.contains(record.entity())) {
				errors.add(new AttributeError(attribute, "connects " + String.join(" or ", connectable.names())
						+ " records, not " + record.entity()));
			}
		}
		if (!errors.isEmpty()) {
			throw RapportException.invalid(errors);
		}
		if (target.get("record1id").equals(target.get("record2id"))) {
			throw RapportException.invalid("record2id", "a record cannot be connected to itself");
		}
	}

	private static void refuseRecordChanges(PipelineContext context) {
		for (String attribute : List.of("record1id", "record2id")) {
			if (context.target().has(attribute)
					&& !Objects.equals(context.target().get(attribute), context.preImage().get(attribute))) {
				throw RapportException.invalid(attribute,
						"the records of a connection cannot change; delete the connection and create another");
			}
		}
	}

	private void checkRoles(PipelineContext context) {
		EntityRecord target = context.target();
		RecordRef record1 = (RecordRef) context.valueAfter("record1id");
		RecordRef record2 = (RecordRef) context.valueAfter("record2id");
		RecordRef role1 = (RecordRef) context.valueAfter("record1roleid");
		RecordRef role2 = (RecordRef) context.valueAfter("record2roleid");
		if (context.message() == Message.Update && role1 != null && role2 != null && !roles.matches(role1.id(), role2.id())) {
			// Changing one side's role leaves the other side's to follow it, unless the change names both.
			if (target.has("record1roleid") && !target.has("record2roleid")) {
				role2 = null;
			} else if (target.has("record2roleid") && !target.has("record1roleid")) {
				role1 = null;
			}
		}
		if (role1 == null && role2 == null) {
			throw RapportException.invalid("record1roleid", "name the role of record1 in the connection (or of record2, in record2roleid)");
		}
		ConnectionRole first = role1 == null ? null : activeRole(role1, "record1roleid");
		ConnectionRole second = role2 == null ? null : activeRole(role2, "record2roleid");
		if (first != null) {
			checkApplies(first, record1, "record1roleid");
		}
		if (second != null) {
			checkApplies(second, record2, "record2roleid");
		}
		if (first != null && second != null) {
			checkMatch(first, second);
		} else if (second == null) {
			target.set("record2roleid", matchingRoleFor(first, record2, "record2roleid"));
		} else {
			target.set("record1roleid", matchingRoleFor(second, record1, "record1roleid"));
		}
	}

	private ConnectionRole activeRole(RecordRef ref, String attribute) {
		ConnectionRole role = roles.find(ref.id())
			.orElseThrow(() -> RapportException.invalid(attribute, "the connection role " + ref.id() + " does not exist"));
		if (!role.active()) {
			throw RapportException.invalid(attribute, "the role " + role.name() + " is inactive");
		}
		return role;
	}

	private void checkApplies(ConnectionRole role, RecordRef record, String attribute) {
		if (!role.appliesTo(record.entity())) {
			throw RapportException.invalid(attribute, "the role " + role.name() + " does not apply to "
					+ connectable.plural(record.entity()));
		}
	}

	private void checkMatch(ConnectionRole first, ConnectionRole second) {
		if (roles.matches(first.id(), second.id())) {
			return;
		}
		List<ConnectionRole> matching = roles.matchingRoles(first.id());
		throw RapportException.invalid("record2roleid", "the role " + second.name() + " does not match the role "
				+ first.name() + (matching.isEmpty() ? ", which has no matching roles; leave record2roleid empty"
						: "; its matching roles are " + names(matching)));
	}

	/** The single active matching role of {@code known} that applies to the record, or null when the role has none. */
	private RecordRef matchingRoleFor(ConnectionRole known, RecordRef record, String attribute) {
		List<ConnectionRole> matching = roles.matchingRoles(known.id());
		if (matching.isEmpty()) {
			return null;
		}
		List<ConnectionRole> candidates = matching.stream().filter(r -> r.active() && r.appliesTo(record.entity())).toList();
		if (candidates.size() == 1) {
			return candidates.get(0).ref();
		}
		throw RapportException.invalid(attribute, candidates.isEmpty()
				? "none of the matching roles of " + known.name() + " (" + names(matching) + ") applies to "
						+ connectable.plural(record.entity())
				: "the role " + known.name() + " has several matching roles for " + connectable.plural(record.entity())
						+ " (" + names(candidates) + "); name one");
	}

	private static void checkDates(PipelineContext context) {
		LocalDate start = (LocalDate) context.valueAfter("effectivestart");
		LocalDate end = (LocalDate) context.valueAfter("effectiveend");
		if (start != null && end != null && end.isBefore(start)) {
			throw RapportException.invalid("effectiveend", "is before effectivestart (" + start + ")");
		}
	}

	private static String names(List<ConnectionRole> roles) {
		return String.join(", ", roles.stream().map(ConnectionRole::name).toList());
	}
}
