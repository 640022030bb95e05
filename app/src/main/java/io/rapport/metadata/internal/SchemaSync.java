package io.rapport.metadata.internal;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rapport.metadata.AlternateKeyDefinition;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.ColumnTypes;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.IndexDefinition;
import io.rapport.metadata.RelationshipDefinition;

/**
 * Turns definitions into tables, columns, indexes and foreign keys. Only adds: it never drops or alters what exists,
 * so running it again (at every start-up, after every customization) changes nothing that is already in place.
 */
final class SchemaSync {

	private static final Logger log = LoggerFactory.getLogger(SchemaSync.class);

	private final DSLContext dsl;

	SchemaSync(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** What the sync did, so a failed customization can undo it on databases without transactional DDL. */
	record Changes(List<String> createdTables, List<String[]> addedColumns) {
		static Changes empty() {
			return new Changes(new ArrayList<>(), new ArrayList<>());
		}
	}

	Changes apply(MetadataSnapshot snapshot) {
		Changes changes = Changes.empty();
		Set<String> tables = existingTables();
		for (EntityDefinition entity : snapshot.entities().values()) {
			if (!tables.contains(entity.table())) {
				createTable(entity);
				changes.createdTables().add(entity.table());
			} else {
				Set<String> columns = existingColumns(entity.table());
				for (AttributeDefinition a : entity.attributes()) {
					for (Field<?> column : columns(a)) {
						if (!columns.contains(column.getName())) {
							dsl.alterTable(table(name(entity.table()))).add(column).execute();
							changes.addedColumns().add(new String[] { entity.table(), column.getName() });
						}
					}
				}
			}
		}
		for (RelationshipDefinition r : snapshot.relationships()) {
			if (!r.isOneToMany() && !tables.contains(r.intersectEntity())) {
				createIntersectTable(snapshot, r);
				changes.createdTables().add(r.intersectEntity());
			}
		}
		Set<String> constraints = existingForeignKeys();
		for (EntityDefinition entity : snapshot.entities().values()) {
			createIndexes(entity);
			for (AttributeDefinition a : entity.attributes()) {
				if (a.type() == AttributeType.Lookup && !a.polymorphic() && !a.system()) {
					String fk = shortName("fk_" + entity.table() + "_" + a.logicalName());
					if (!constraints.contains(fk)) {
						EntityDefinition target = snapshot.entities().get(a.targets().get(0));
						dsl.alterTable(table(name(entity.table())))
							.add(constraint(name(fk)).foreignKey(name(a.logicalName()))
								.references(name(target.table()), name(target.primaryIdAttribute())))
							.execute();
					}
				}
			}
		}
		if (!changes.createdTables().isEmpty() || !changes.addedColumns().isEmpty()) {
			log.info("Schema sync created tables {} and added {} columns", changes.createdTables(),
					changes.addedColumns().size());
		}
		return changes;
	}

	/** Text people search by: the primary name and email addresses, indexed as lower(column) on PostgreSQL. */
	private static boolean searched(EntityDefinition entity, AttributeDefinition a) {
		return a.type() == AttributeType.String && (a.logicalName().equals(entity.primaryNameAttribute())
				|| a.format() == io.rapport.metadata.StringFormat.Email);
	}

	/** Undoes what {@link #apply} created, for databases whose DDL is not transactional. */
	void undo(Changes changes) {
		for (String[] column : changes.addedColumns()) {
			try {
				dsl.alterTable(table(name(column[0]))).dropColumnIfExists(name(column[1])).execute();
			} catch (RuntimeException e) {
				log.warn("Could not undo column {}.{}", column[0], column[1], e);
			}
		}
		for (String created : changes.createdTables()) {
			try {
				dsl.dropTableIfExists(table(name(created))).cascade().execute();
			} catch (RuntimeException e) {
				log.warn("Could not undo table {}", created, e);
			}
		}
	}

	static List<Field<?>> columns(AttributeDefinition a) {
		List<Field<?>> columns = new ArrayList<>();
		columns.add(field(name(a.logicalName()), ColumnTypes.of(a)));
		if (a.polymorphic()) {
			columns.add(field(name(a.typeColumn()), ColumnTypes.typeColumn()));
		}
		return columns;
	}

	private void createTable(EntityDefinition entity) {
		List<Field<?>> columns = new ArrayList<>();
		for (AttributeDefinition a : entity.attributes()) {
			for (Field<?> column : columns(a)) {
				boolean notNull = a.logicalName().equals(entity.primaryIdAttribute()) || a.logicalName().equals("statecode")
						|| a.logicalName().equals("versionnumber");
				columns.add(notNull ? field(column.getQualifiedName(), column.getDataType().notNull()) : column);
			}
		}
		dsl.createTable(table(name(entity.table())))
			.columns(columns)
			.constraints(constraint(name(shortName("pk_" + entity.table()))).primaryKey(name(entity.primaryIdAttribute())))
			.execute();
	}

	private void createIntersectTable(MetadataSnapshot snapshot, RelationshipDefinition r) {
		EntityDefinition one = snapshot.entities().get(r.entity1());
		EntityDefinition two = snapshot.entities().get(r.entity2());
		boolean self = one == two;
		String c1 = RelationshipDefinition.intersectColumn(one, true, self);
		String c2 = RelationshipDefinition.intersectColumn(two, false, self);
		String t = r.intersectEntity();
		dsl.createTable(table(name(t)))
			.column(name(t + "id"), SQLDataType.UUID.notNull())
			.column(name(c1), SQLDataType.UUID.notNull())
			.column(name(c2), SQLDataType.UUID.notNull())
			.column(name("createdon"), SQLDataType.TIMESTAMPWITHTIMEZONE)
			.constraints(constraint(name(shortName("pk_" + t))).primaryKey(name(t + "id")),
					constraint(name(shortName("uk_" + t))).unique(name(c1), name(c2)),
					constraint(name(shortName("fk_" + t + "_1"))).foreignKey(name(c1))
						.references(name(one.table()), name(one.primaryIdAttribute()))
						.onDeleteCascade(),
					constraint(name(shortName("fk_" + t + "_2"))).foreignKey(name(c2))
						.references(name(two.table()), name(two.primaryIdAttribute()))
						.onDeleteCascade())
			.execute();
		dsl.createIndexIfNotExists(name(shortName("ix_" + t + "_2"))).on(table(name(t)), field(name(c2))).execute();
	}

	private void createIndexes(EntityDefinition entity) {
		Name t = name(entity.table());
		for (AttributeDefinition a : entity.attributes()) {
			if ((a.type().isReference() && !a.logicalName().equals("createdby") && !a.logicalName().equals("modifiedby"))
					|| a.logicalName().equals("modifiedon")) {
				index(t, "ix_" + entity.table() + "_" + a.logicalName(), false, name(a.logicalName()));
			}
		}
		if (entity.primaryNameAttribute() != null) {
			index(t, "ix_" + entity.table() + "_" + entity.primaryNameAttribute(), false,
					name(entity.primaryNameAttribute()), name(entity.primaryIdAttribute()));
			if (entity.ownership() == io.rapport.metadata.Ownership.UserOwned) {
				// The default list order (by name) within each access arm: owned in a business unit, owned by a user or team.
				index(t, "ix_" + entity.table() + "_bu_" + entity.primaryNameAttribute(), false, name("owningbusinessunit"),
						name(entity.primaryNameAttribute()), name(entity.primaryIdAttribute()));
				index(t, "ix_" + entity.table() + "_owner_" + entity.primaryNameAttribute(), false, name("ownerid"),
						name(entity.primaryNameAttribute()), name(entity.primaryIdAttribute()));
			}
		}
		if (dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
			for (AttributeDefinition a : entity.attributes()) {
				if (searched(entity, a)) {
					// Text compares case-insensitively (as in Dataverse) through lower(column), and begins-with is
					// lower(column) LIKE 'prefix%': the pattern operator class lets this index serve both equality and
					// the prefix under any database collation (a plain b-tree serves LIKE only under the C collation).
					String n = shortName("ix_" + entity.table() + "_" + a.logicalName() + "_lower");
					dsl.execute("create index if not exists {0} on {1} (lower({2}) text_pattern_ops)", name(n), t,
							name(a.logicalName()));
				}
			}
		}
		for (IndexDefinition declared : entity.indexes()) {
			index(t, "ix_" + entity.table() + "_" + declared.name(), false,
					declared.attributes().stream().map(org.jooq.impl.DSL::name).toArray(Name[]::new));
		}
		for (AlternateKeyDefinition key : entity.keys()) {
			index(t, "uk_" + entity.table() + "_" + key.name(), true,
					key.attributes().stream().map(org.jooq.impl.DSL::name).toArray(Name[]::new));
		}
	}

	/**
	 * An index for looking records up by these attributes: lower(column) for text, the column otherwise. A single
	 * searched text column (primary name, email) already has its lower(column) index from {@link #createIndexes}.
	 */
	void lookupIndex(EntityDefinition entity, List<AttributeDefinition> attributes) {
		if (dsl.dialect().family() != org.jooq.SQLDialect.POSTGRES || attributes.isEmpty()) {
			return;
		}
		if (attributes.size() == 1 && searched(entity, attributes.get(0))) {
			return;
		}
		List<Field<?>> parts = new ArrayList<>();
		StringBuilder indexName = new StringBuilder("ix_").append(entity.table());
		for (AttributeDefinition a : attributes) {
			Field<?> column = field(name(a.logicalName()), ColumnTypes.of(a));
			boolean text = a.type() == AttributeType.String;
			parts.add(text ? org.jooq.impl.DSL.lower(field(name(a.logicalName()), String.class)) : column);
			indexName.append('_').append(a.logicalName()).append(text ? "_ci" : "");
		}
		dsl.createIndexIfNotExists(name(shortName(indexName.toString()))).on(table(name(entity.table())), parts).execute();
	}

	private void index(Name table, String indexName, boolean unique, Name... columns) {
		String n = shortName(indexName);
		Field<?>[] fields = java.util.Arrays.stream(columns).map(c -> field(c)).toArray(Field[]::new);
		if (unique) {
			dsl.createUniqueIndexIfNotExists(name(n)).on(table(table), fields).execute();
		} else {
			dsl.createIndexIfNotExists(name(n)).on(table(table), fields).execute();
		}
	}

	/** Index and constraint names are unique per schema on PostgreSQL and must fit 63 characters. */
	static String shortName(String n) {
		if (n.length() <= 63) {
			return n;
		}
		return n.substring(0, 54) + "_" + Integer.toHexString(n.hashCode());
	}

	private Set<String> existingTables() {
		return dsl.connectionResult(c -> names(c, (md, schema) -> md.getTables(null, schema, "%", new String[] { "TABLE", "BASE TABLE" }), "TABLE_NAME"));
	}

	private Set<String> existingColumns(String tableName) {
		return dsl.connectionResult(c -> names(c, (md, schema) -> md.getColumns(null, schema, tableName, "%"), "COLUMN_NAME"));
	}

	private Set<String> existingForeignKeys() {
		return new HashSet<>(dsl.resultQuery(
				"select lower(constraint_name) from information_schema.table_constraints where constraint_type = 'FOREIGN KEY' and lower(table_schema) = lower({0})",
				currentSchema())
			.fetch(0, String.class));
	}

	private String currentSchema() {
		return dsl.connectionResult(Connection::getSchema);
	}

	private interface MetaQuery {
		ResultSet run(DatabaseMetaData md, String schema) throws SQLException;
	}

	private static Set<String> names(Connection c, MetaQuery query, String column) throws SQLException {
		Set<String> result = new HashSet<>();
		try (ResultSet rs = query.run(c.getMetaData(), c.getSchema())) {
			while (rs.next()) {
				result.add(rs.getString(column).toLowerCase(Locale.ROOT));
			}
		}
		return result;
	}
}
