package io.rapport.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.RelationshipDefinition;

/**
 * Dataverse's deep insert: a create body may carry related records to create with it — a single-valued navigation
 * (a lookup, {@code "primarycontactid": {...}} or {@code "parentcustomerid_account": {...}}) is created first and the
 * lookup set to it; a collection-valued one (a 1:N relationship, {@code "contact_customer_accounts": [{...}]}) is
 * created after the parent, pointing at it. Every record goes through the pipeline, all in one transaction.
 */
@Component
class DeepInsert {

	private static final String TYPE_PREFIX = "Microsoft.Dynamics.CRM.";

	private final Metadata metadata;
	private final Records records;
	private final TransactionTemplate tx;

	DeepInsert(Metadata metadata, Records records, TransactionTemplate tx) {
		this.metadata = metadata;
		this.records = records;
		this.tx = tx;
	}

	/** Creates the record of the body and every related record nested in it; returns the top record's id. */
	UUID create(Principal principal, EntityDefinition entity, Map<String, Object> body) {
		if (body == null || body.values().stream().noneMatch(DeepInsert::isNested)) {
			return records.create(principal, RecordJson.read(metadata, entity, body, null));
		}
		return tx.execute(status -> insert(principal, entity, body, Map.of(), ""));
	}

	private UUID insert(Principal principal, EntityDefinition entity, Map<String, Object> body, Map<String, Object> preset,
			String path) {
		Map<String, Object> flat = new LinkedHashMap<>();
		Map<String, Object> single = new LinkedHashMap<>();
		Map<String, Object> collections = new LinkedHashMap<>();
		for (Map.Entry<String, Object> e : body.entrySet()) {
			if (e.getKey().contains("@") || !isNested(e.getValue())) {
				flat.put(e.getKey(), e.getValue());
			} else if (e.getValue() instanceof Map<?, ?>) {
				single.put(e.getKey(), e.getValue());
			} else {
				collections.put(e.getKey(), e.getValue());
			}
		}
		EntityRecord record = at(path, () -> RecordJson.read(metadata, entity, flat, null));
		preset.forEach(record::set);
		for (Map.Entry<String, Object> e : single.entrySet()) {
			Map<String, Object> child = map(e.getValue());
			Lookup lookup = at(path, () -> lookup(entity, e.getKey(), child));
			UUID id = insert(principal, lookup.target(), child, Map.of(), path + e.getKey() + ".");
			record.set(lookup.attribute().logicalName(), new RecordRef(lookup.target().logicalName(), id));
		}
		List<Runnable> after = new ArrayList<>();
		UUID id = at(path, () -> records.create(principal, record));
		for (Map.Entry<String, Object> e : collections.entrySet()) {
			RelationshipDefinition r = at(path, () -> children(entity, e.getKey()));
			EntityDefinition childEntity = metadata.entity(r.referencingEntity());
			List<?> list = (List<?>) e.getValue();
			for (int i = 0; i < list.size(); i++) {
				Map<String, Object> parent = Map.of(r.referencingAttribute(), new RecordRef(entity.logicalName(), id));
				String childPath = path + e.getKey() + "[" + i + "].";
				Map<String, Object> child = map(list.get(i));
				after.add(() -> insert(principal, childEntity, child, parent, childPath));
			}
		}
		after.forEach(Runnable::run);
		return id;
	}

	private record Lookup(AttributeDefinition attribute, EntityDefinition target) {
	}

	/** The lookup a single-valued navigation names: {@code attribute} or {@code attribute_targetentity}. */
	private Lookup lookup(EntityDefinition entity, String navigation, Map<String, Object> child) {
		AttributeDefinition attribute = entity.attribute(navigation).orElse(null);
		String target = null;
		if (attribute == null && navigation.lastIndexOf('_') > 0) {
			attribute = entity.attribute(navigation.substring(0, navigation.lastIndexOf('_'))).orElse(null);
			target = navigation.substring(navigation.lastIndexOf('_') + 1);
		}
		if (attribute == null || !attribute.type().isReference()) {
			throw RapportException.invalid(navigation, "is not a navigation property of " + entity.logicalName());
		}
		Object type = child.get("@odata.type");
		if (target == null && type != null) {
			target = type.toString().replaceFirst("^#", "").replace(TYPE_PREFIX, "");
		}
		if (target == null && attribute.targets().size() == 1) {
			target = attribute.targets().get(0);
		}
		if (target == null || !attribute.targets().contains(target)) {
			throw RapportException.invalid(navigation, "name the type of the new record: one of " + attribute.targets()
					+ ", as " + attribute.logicalName() + "_<entity> or with @odata.type");
		}
		return new Lookup(attribute, metadata.entity(target));
	}

	/** The 1:N relationship a collection-valued navigation names, with this entity on the parent side. */
	private RelationshipDefinition children(EntityDefinition entity, String navigation) {
		return metadata.relationship(navigation)
			.filter(r -> r.isOneToMany() && r.referencedEntity().equals(entity.logicalName()))
			.orElseThrow(() -> RapportException.invalid(navigation, "is not a collection-valued navigation property of "
					+ entity.logicalName() + " (a one-to-many relationship's schema name such as contact_customer_accounts)"));
	}

	/** An object, or a non-empty list of objects: related records, not a value. */
	private static boolean isNested(Object value) {
		return value instanceof Map<?, ?>
				|| value instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(v -> v instanceof Map<?, ?>);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	/** Names where in the nested body a failure happened: {@code primarycontactid.Contact_Tasks[0].subject}. */
	private static <T> T at(String path, java.util.function.Supplier<T> work) {
		try {
			return work.get();
		} catch (RapportException e) {
			if (path.isEmpty()) {
				throw e;
			}
			throw new RapportException(e.status(), e.code(), path + e.getMessage(), e.errors().stream()
				.map(a -> new RapportException.AttributeError(path + a.attribute(), a.message()))
				.toList());
		}
	}
}
