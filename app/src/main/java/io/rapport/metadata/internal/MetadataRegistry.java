package io.rapport.metadata.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.EntitySpec;
import io.rapport.metadata.EntitySpec.AttributeSpec;
import io.rapport.metadata.InvalidDefinitionException;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.RelationshipDefinition;

/**
 * Holds the current metadata, loads it at start-up (system files + stored customizations), keeps the schema in step
 * with it, applies customizations and picks up those made by other nodes.
 */
@Component
class MetadataRegistry implements Metadata, Customizations, InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(MetadataRegistry.class);

	private static final org.jooq.Table<?> CUSTOMIZATION = table(name("rapport_customization"));
	private static final org.jooq.Table<?> REVISION = table(name("rapport_metadata_revision"));

	private final DSLContext dsl;
	private final TransactionTemplate tx;
	private final SchemaSync schemaSync;
	private final List<DefinitionCompiler.Source> systemSources;
	private volatile MetadataSnapshot snapshot;

	/** Asked lazily: the security module that answers reads the metadata itself. */
	private final org.springframework.beans.factory.ObjectProvider<io.rapport.metadata.CustomizationPolicy> policy;

	MetadataRegistry(DSLContext dsl, TransactionTemplate tx, SystemDefinitions systemDefinitions,
			org.springframework.beans.factory.ObjectProvider<io.rapport.metadata.CustomizationPolicy> policy) {
		this.policy = policy;
		this.dsl = dsl;
		this.tx = tx;
		this.schemaSync = new SchemaSync(dsl);
		this.systemSources = systemDefinitions.sources();
	}

	@Override
	public void afterPropertiesSet() {
		tx.executeWithoutResult(status -> {
			MetadataSnapshot loaded = load();
			schemaSync.apply(loaded);
			snapshot = loaded;
		});
		log.info("Metadata loaded: {} entities, {} relationships, revision {}", snapshot.entities().size(),
				snapshot.relationships().size(), snapshot.revision());
	}

	/** Picks up customizations made on other nodes. */
	@Scheduled(fixedDelayString = "${rapport.metadata.refresh-ms:5000}")
	void refreshIfChanged() {
		long stored = dsl.select(field(name("revision"), Long.class)).from(REVISION).fetchOne(0, Long.class);
		if (stored != snapshot.revision()) {
			snapshot = load();
			log.info("Metadata refreshed to revision {}", stored);
		}
	}

	private MetadataSnapshot load() {
		long revision = dsl.select(field(name("revision"), Long.class)).from(REVISION).fetchOne(0, Long.class);
		List<DefinitionCompiler.Source> sources = new ArrayList<>(systemSources);
		List<DefinitionCompiler.Extension> extensions = new ArrayList<>();
		for (Record row : dsl.select().from(CUSTOMIZATION).orderBy(field(name("createdon")), field(name("name"))).fetch()) {
			String kind = row.get("kind", String.class);
			String entity = row.get("entity", String.class);
			byte[] json = row.get("definition", String.class).getBytes(StandardCharsets.UTF_8);
			String source = "customization " + entity + "." + row.get("name", String.class);
			if ("entity".equals(kind)) {
				sources.add(new DefinitionCompiler.Source(source, DefinitionFiles.parse(source, json), true));
			} else {
				extensions.add(new DefinitionCompiler.Extension(source, entity, DefinitionFiles.parseAttribute(source, json)));
			}
		}
		return DefinitionCompiler.compile(sources, extensions, revision);
	}

	@Override
	public EntityDefinition createEntity(EntitySpec spec, Principal by) {
		String name = spec.logicalName();
		customize(name, name, "entity", spec, (sources, extensions) -> sources
			.add(new DefinitionCompiler.Source("request", spec, true)), by);
		return entity(name);
	}

	@Override
	public EntityDefinition addAttribute(String entity, AttributeSpec spec, Principal by) {
		EntityDefinition target = entity(entity);
		customize(target.logicalName(), spec.name(), "attribute", spec,
				(sources, extensions) -> extensions.add(new DefinitionCompiler.Extension("request", entity, spec)), by);
		return entity(entity);
	}

	@Override
	public void indexForLookups(String entity, List<String> attributes) {
		EntityDefinition definition = entity(entity);
		schemaSync.lookupIndex(definition, attributes.stream().map(definition::requireAttribute).toList());
	}

	private interface Change {
		void addTo(List<DefinitionCompiler.Source> sources, List<DefinitionCompiler.Extension> extensions);
	}

	private synchronized void customize(String entity, String name, String kind, Object spec, Change change, Principal by) {
		policy.getObject().checkCustomizer(by);
		if (name == null) {
			throw new InvalidDefinitionException("request", kind.equals("entity") ? "logicalName" : "name", "is required");
		}
		SchemaSync.Changes[] applied = { SchemaSync.Changes.empty() };
		MetadataSnapshot next;
		try {
			next = tx.execute(status -> {
				long revision = dsl.select(field(name("revision"), Long.class))
					.from(REVISION)
					.forUpdate()
					.fetchOne(0, Long.class);
				List<DefinitionCompiler.Source> sources = new ArrayList<>(systemSources);
				List<DefinitionCompiler.Extension> extensions = new ArrayList<>();
				reloadStored(sources, extensions);
				change.addTo(sources, extensions);
				MetadataSnapshot compiled = DefinitionCompiler.compile(sources, extensions, revision + 1);
				applied[0] = schemaSync.apply(compiled);
				dsl.insertInto(CUSTOMIZATION)
					.set(field(name("customizationid")), UUID.randomUUID())
					.set(field(name("kind")), kind)
					.set(field(name("entity")), entity)
					.set(field(name("name")), name)
					.set(field(name("definition")), DefinitionFiles.write(spec))
					.set(field(name("createdon")), OffsetDateTime.now())
					.set(field(name("createdby")), by.userId())
					.execute();
				dsl.update(REVISION).set(field(name("revision")), revision + 1).execute();
				return compiled;
			});
		} catch (RuntimeException e) {
			schemaSync.undo(applied[0]);
			if (e instanceof RapportException) {
				throw e;
			}
			log.warn("Customization of {}.{} failed", entity, name, e);
			throw new RapportException(409, "CustomizationFailed",
					"The customization of " + entity + " could not be applied; nothing was changed.");
		}
		snapshot = next;
		log.info("Customization applied: {} {}.{} (revision {})", kind, entity, name, next.revision());
	}

	private void reloadStored(List<DefinitionCompiler.Source> sources, List<DefinitionCompiler.Extension> extensions) {
		for (Record row : dsl.select().from(CUSTOMIZATION).orderBy(field(name("createdon")), field(name("name"))).fetch()) {
			String entity = row.get("entity", String.class);
			byte[] json = row.get("definition", String.class).getBytes(StandardCharsets.UTF_8);
			String source = "customization " + entity + "." + row.get("name", String.class);
			if ("entity".equals(row.get("kind", String.class))) {
				sources.add(new DefinitionCompiler.Source(source, DefinitionFiles.parse(source, json), true));
			} else {
				extensions.add(new DefinitionCompiler.Extension(source, entity, DefinitionFiles.parseAttribute(source, json)));
			}
		}
	}

	@Override
	public Collection<EntityDefinition> entities() {
		return snapshot.entities().values();
	}

	@Override
	public Optional<EntityDefinition> find(String logicalName) {
		return logicalName == null ? Optional.empty() : snapshot.find(logicalName);
	}

	@Override
	public Optional<EntityDefinition> findBySetName(String entitySetName) {
		return entitySetName == null ? Optional.empty()
				: Optional.ofNullable(snapshot.bySetName().get(entitySetName.toLowerCase()));
	}

	@Override
	public List<RelationshipDefinition> relationships() {
		return snapshot.relationships();
	}

	@Override
	public long revision() {
		return snapshot.revision();
	}
}
