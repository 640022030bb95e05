package io.rapport.audit.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.rapport.audit.AuditEntry.AttributeChange;
import io.rapport.core.EntityRecord;
import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/** Writes the change history of every audited entity in the same transaction as the change itself. */
@Component
class ChangeRecorder implements PipelineHandler {

	/** Bookkeeping columns whose changes are implied by every entry. */
	private static final Set<String> UNAUDITED = Set.of("createdon", "createdby", "modifiedon", "modifiedby",
			"versionnumber", "owningbusinessunit");

	/** The longest value the history keeps (the size of its columns); longer ones, such as attachments, are summarized. */
	private static final int LONGEST_VALUE = 1_000_000;

	/** The audit row's columns, typed: a batch binds its values to the statement's types (untyped, PostgreSQL gets text). */
	private static final List<org.jooq.Field<?>> COLUMNS = List.of(field(name("auditid"), UUID.class),
			field(name("entity"), String.class), field(name("recordid"), UUID.class), field(name("action"), String.class),
			field(name("userid"), UUID.class), field(name("createdon"), OffsetDateTime.class),
			field(name("changedata"), String.class));

	private final DSLContext dsl;

	ChangeRecorder(DSLContext dsl) {
		this.dsl = dsl;
	}

	@Override
	public String entity() {
		return "*";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update, Message.Delete, Message.SetState, Message.Assign, Message.Associate,
				Message.Disassociate, Message.Merge);
	}

	@Override
	public Stage stage() {
		return Stage.PostOperation;
	}

	@Override
	public int order() {
		return Integer.MAX_VALUE;
	}

	@Override
	public void handle(PipelineContext context) {
		handleAll(List.of(context));
	}

	/** One entry per audited change, with its attribute changes as {@link ChangeData}, written in one batch. */
	@Override
	public void handleAll(List<PipelineContext> contexts) {
		List<Object[]> entries = new ArrayList<>();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		for (PipelineContext context : contexts) {
			if (!context.entity().auditEnabled()) {
				continue;
			}
			List<AttributeChange> changes = changes(context);
			if (changes.isEmpty() && context.message() == Message.Update) {
				continue;
			}
			UUID auditId = UUID.randomUUID();
			RecordRef ref = context.ref();
			entries.add(new Object[] { auditId, ref.entity(), ref.id(), context.message().name(), context.principal().userId(),
					now, changes.isEmpty() ? null : ChangeData.write(changes) });
		}
		if (entries.isEmpty()) {
			return;
		}
		if (entries.size() == 1) {
			dsl.insertInto(table(name("rapport_audit")), COLUMNS).values(entries.get(0)).execute();
			return;
		}
		io.rapport.data.JdbcBatch.insert(dsl, table(name("rapport_audit")), COLUMNS, entries);
	}

	private static List<AttributeChange> changes(PipelineContext context) {
		List<AttributeChange> changes = new ArrayList<>();
		boolean manyToMany = context.relationship() != null;
		switch (context.message()) {
			case Associate, Disassociate -> {
				if (!manyToMany) {
					return valueChanges(context);
				}
				String related = String.join(",", context.related().stream().map(ChangeRecorder::text).toList());
				changes.add(context.message() == Message.Associate ? new AttributeChange(context.relationship(), null, related)
						: new AttributeChange(context.relationship(), related, null));
			}
			case Delete -> {
				for (Map.Entry<String, Object> e : context.preImage().values().entrySet()) {
					if (!UNAUDITED.contains(e.getKey()) && e.getValue() != null) {
						changes.add(new AttributeChange(e.getKey(), text(e.getValue()), null));
					}
				}
			}
			default -> {
				return valueChanges(context);
			}
		}
		return changes;
	}

	/** The attributes a write changed, old and new (a 1:N associate is a write of the child's lookup). */
	private static List<AttributeChange> valueChanges(PipelineContext context) {
		List<AttributeChange> changes = new ArrayList<>();
		EntityRecord before = context.preImage();
		for (Map.Entry<String, Object> e : context.target().values().entrySet()) {
			String attribute = e.getKey();
			if (UNAUDITED.contains(attribute) || attribute.equals(context.entity().primaryIdAttribute())) {
				continue;
			}
			String oldValue = before == null ? null : text(before.get(attribute));
			String newValue = text(e.getValue());
			if (!Objects.equals(oldValue, newValue)) {
				changes.add(new AttributeChange(attribute, oldValue, newValue));
			}
		}
		return changes;
	}

	static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof RecordRef r) {
			return r.entity() + ":" + r.id();
		}
		if (value instanceof OffsetDateTime t) {
			return DateTimeFormatter.ISO_INSTANT.format(t);
		}
		if (value instanceof BigDecimal d) {
			return d.stripTrailingZeros().toPlainString();
		}
		if (value instanceof Collection<?> c) {
			return String.join(",", c.stream().map(Object::toString).toList());
		}
		String text = value.toString();
		return text.length() <= LONGEST_VALUE ? text : "(" + text.length() + " characters, too long to keep in the history)";
	}
}
