package io.rapport.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.data.Records;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * Each entity's main form: the {@code systemform} record an administrator saved (organization-owned, read and written
 * through the query model and the record pipeline with the user's principal), else the form shipped with Rapport
 * ({@code rapport/forms/<entity>.json}), else one generated from metadata. Read on every form page, so a saved change
 * shows on the next page any user opens, on every node.
 */
@Component
class Forms {

	/** Dataverse's form type of a main form. */
	static final int MAIN = 2;

	private static final Logger log = LoggerFactory.getLogger(Forms.class);

	private final Queries queries;
	private final Records records;
	private final Metadata metadata;
	private final Map<String, Optional<FormDefinition>> shipped = new ConcurrentHashMap<>();

	Forms(Queries queries, Records records, Metadata metadata) {
		this.queries = queries;
		this.records = records;
		this.metadata = metadata;
	}

	enum Source {
		STORED, SHIPPED, GENERATED
	}

	/** The main form and where it comes from; id and version only when it is stored. */
	record MainForm(UUID id, Long version, FormDefinition definition, Source source) {
	}

	MainForm main(Principal who, EntityDefinition entity) {
		Optional<MainForm> stored = stored(who, entity);
		if (stored.isPresent()) {
			return stored.get();
		}
		return shipped(entity.logicalName()).map(f -> new MainForm(null, null, f.copy(), Source.SHIPPED))
			.orElseGet(() -> new MainForm(null, null, FormLayout.generated(entity), Source.GENERATED));
	}

	/**
	 * Stores {@code form} as the entity's main form: updates the stored one at {@code version} (a stale version is the
	 * pipeline's ConcurrencyVersionMismatch), or creates it. A form with problems is refused (400) and nothing is written.
	 */
	UUID save(Principal who, EntityDefinition entity, FormDefinition form, Long version) {
		List<String> problems = form.problems(entity, metadata);
		if (!problems.isEmpty()) {
			throw new RapportException(400, "InvalidForm", "The form was not saved: " + String.join("; ", problems) + ".");
		}
		String json = form.json();
		Optional<MainForm> current = stored(who, entity);
		if (current.isPresent()) {
			EntityRecord changes = new EntityRecord("systemform", current.get().id()).set("formjson", json);
			if (version != null) {
				changes.set("versionnumber", version);
			}
			records.update(who, changes);
			return current.get().id();
		}
		return records.create(who, new EntityRecord("systemform")
			.set("name", form.name() == null ? entity.displayName() : form.name())
			.set("objecttypecode", entity.logicalName()).set("type", MAIN).set("isdefault", true).set("formjson", json));
	}

	/**
	 * The stored main form the user may read, if its JSON still reads (one that does not is skipped, with a warning in
	 * the log, rather than breaking every form of the entity).
	 */
	private Optional<MainForm> stored(Principal who, EntityDefinition entity) {
		List<EntityRecord> found;
		try {
			found = queries.execute(who, Query.of("systemform").select("formjson", "versionnumber")
				.where(Criterion.and(Criterion.where("objecttypecode", Operator.Eq, entity.logicalName()),
						Criterion.where("type", Operator.Eq, MAIN)))
				.orderBy(Order.desc("modifiedon")).page(1)).records();
		} catch (RapportException e) {
			if (e.status() == 403) {
				return Optional.empty();
			}
			throw e;
		}
		if (found.isEmpty()) {
			return Optional.empty();
		}
		EntityRecord r = found.get(0);
		try {
			return Optional.of(new MainForm(r.id(), r.version(), FormDefinition.read(r.getString("formjson")), Source.STORED));
		} catch (IllegalArgumentException e) {
			log.warn("The stored form {} of {} cannot be read and is skipped: {}", r.id(), entity.logicalName(), e.getMessage());
			return Optional.empty();
		}
	}

	private Optional<FormDefinition> shipped(String entity) {
		return shipped.computeIfAbsent(entity, e -> {
			ClassPathResource resource = new ClassPathResource("rapport/forms/" + e + ".json");
			if (!resource.exists()) {
				return Optional.empty();
			}
			try (InputStream in = resource.getInputStream()) {
				return Optional.of(FormDefinition.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			} catch (IOException x) {
				throw new UncheckedIOException(x);
			}
		});
	}
}
