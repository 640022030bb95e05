package io.rapport.metadata.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.rapport.core.RapportException;
import io.rapport.metadata.AlternateKeyDefinition;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.AttributeValues;
import io.rapport.metadata.CascadeConfiguration;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.EntitySpec;
import io.rapport.metadata.EntitySpec.AttributeSpec;
import io.rapport.metadata.EntitySpec.RelationshipSpec;
import io.rapport.metadata.EntitySpec.StateSpec;
import io.rapport.metadata.IndexDefinition;
import io.rapport.metadata.InvalidDefinitionException;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.OptionDefinition;
import io.rapport.metadata.Ownership;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.metadata.RelationshipType;
import io.rapport.metadata.RequiredLevel;

/**
 * Turns entity specs (from files and from the customization store) into one consistent set of definitions, checking
 * every name, type and cross-reference. Every failure names the source and the field.
 */
final class DefinitionCompiler {

	static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,49}");

	static final Set<String> SYSTEM_ATTRIBUTES = Set.of("createdon", "createdby", "modifiedon", "modifiedby", "ownerid",
			"owneridtype", "owningbusinessunit", "statecode", "statuscode", "versionnumber");

	/** SQL words that may not be table or column names on either database. */
	private static final Set<String> RESERVED_WORDS = Set.of("select", "from", "where", "table", "user", "order", "group",
			"by", "and", "or", "not", "null", "true", "false", "limit", "offset", "join", "on", "union", "all", "as",
			"key", "value", "primary", "foreign", "check", "default", "index", "constraint", "references", "to",
			"grant", "end", "case", "when", "then", "else", "distinct", "having", "in", "is", "like", "between",
			"minute", "second", "hour", "day", "month", "year", "row", "rows", "current_date", "current_time",
			"current_timestamp", "current_user", "localtime", "localtimestamp", "intersect", "except", "window",
			"qualify", "fetch", "values", "with", "unique", "array", "interval");

	record Source(String name, EntitySpec spec, boolean custom) {
	}

	record Extension(String source, String entity, AttributeSpec attribute) {
	}

	private final Map<String, EntityDefinition> entities = new LinkedHashMap<>();
	private final List<RelationshipDefinition> relationships = new ArrayList<>();
	private final Map<String, String> sourceOf = new LinkedHashMap<>();
	private final Map<String, List<Placed>> relationshipSpecs = new LinkedHashMap<>();
	/** Where each attribute was defined ("entity.attribute" to its source and field), for messages found later. */
	private final Map<String, Placed> attributeOrigins = new LinkedHashMap<>();

	/** A definition and where it was written: the source and the path of its field there. */
	private record Placed(String source, String field, RelationshipSpec relationship) {
	}

	static MetadataSnapshot compile(List<Source> sources, List<Extension> extensions, long revision) {
		DefinitionCompiler compiler = new DefinitionCompiler();
		sources.forEach(compiler::addEntity);
		extensions.forEach(compiler::addExtension);
		compiler.resolve();
		return MetadataSnapshot.of(compiler.entities.values(), compiler.relationships, revision);
	}

	private void addEntity(Source source) {
		EntitySpec spec = source.spec();
		String src = source.name();
		String name = requireName(src, "logicalName", spec.logicalName());
		if (source.custom() && !name.startsWith(Metadata.CUSTOM_PREFIX)) {
			throw new InvalidDefinitionException(src, "logicalName",
					"custom entity names must start with the prefix '" + Metadata.CUSTOM_PREFIX + "'");
		}
		if (!source.custom() && name.startsWith(Metadata.CUSTOM_PREFIX)) {
			throw new InvalidDefinitionException(src, "logicalName",
					"the prefix '" + Metadata.CUSTOM_PREFIX + "' is reserved for custom entities");
		}
		if (entities.containsKey(name)) {
			throw new InvalidDefinitionException(src, "logicalName",
					"an entity named '" + name + "' already exists (" + sourceOf.get(name) + ")");
		}
		String setName = spec.entitySetName() == null ? name + "s" : spec.entitySetName();
		if (!NAME.matcher(setName).matches()) {
			throw new InvalidDefinitionException(src, "entitySetName", "'" + setName + "' is not a valid name");
		}
		for (EntityDefinition other : entities.values()) {
			if (other.entitySetName().equalsIgnoreCase(setName)) {
				throw new InvalidDefinitionException(src, "entitySetName",
						"the entity set name '" + setName + "' is already used by " + other.logicalName());
			}
		}
		String idName = spec.primaryIdAttribute() == null ? name + "id" : spec.primaryIdAttribute();
		// A few Dataverse entities name their key otherwise (duplicaterecord's is duplicateid); custom ones may not.
		if (!idName.equals(name + "id") && (source.custom() || !idName.endsWith("id") || !NAME.matcher(idName).matches())) {
			throw new InvalidDefinitionException(src, "primaryIdAttribute", "must be '" + name + "id'");
		}
		if (spec.ownership() == null) {
			throw new InvalidDefinitionException(src, "ownership", "is required (UserOwned or OrganizationOwned)");
		}
		require(src, "displayName", spec.displayName());

		List<AttributeDefinition> attributes = new ArrayList<>(SystemColumns.attributes(idName, states(src, spec.states())));
		Set<String> seen = new HashSet<>();
		attributes.forEach(a -> seen.add(a.logicalName()));
		List<Placed> rels = new ArrayList<>();
		for (int i = 0; i < spec.relationships().size(); i++) {
			rels.add(new Placed(src, "relationships[" + i + "]", spec.relationships().get(i)));
		}
		for (int i = 0; i < spec.attributes().size(); i++) {
			AttributeSpec a = spec.attributes().get(i);
			String field = "attributes[" + i + "]";
			AttributeDefinition attribute = attribute(src, field, a, source.custom() && !name.startsWith(Metadata.CUSTOM_PREFIX));
			if (!source.custom() && attribute.logicalName().startsWith(Metadata.CUSTOM_PREFIX)) {
				throw new InvalidDefinitionException(src, field + ".name",
						"the prefix '" + Metadata.CUSTOM_PREFIX + "' is reserved for custom attributes");
			}
			if (!seen.add(attribute.logicalName())) {
				throw new InvalidDefinitionException(src, field + ".name",
						"'" + attribute.logicalName() + "' is defined twice (or is a system column)");
			}
			checkColumnsFree(src, field, attributes, attribute);
			attributes.add(attribute.withCustom(source.custom()));
			attributeOrigins.put(name + "." + attribute.logicalName(), new Placed(src, field, null));
			if (a.relationship() != null) {
				rels.add(new Placed(src, field + ".relationship", withAttribute(a.relationship(), attribute.logicalName())));
			}
		}
		String primaryName = spec.primaryNameAttribute();
		if (primaryName != null && !seen.contains(primaryName)) {
			throw new InvalidDefinitionException(src, "primaryNameAttribute",
					"'" + primaryName + "' is not one of the entity's attributes");
		}
		for (int i = 0; i < spec.keys().size(); i++) {
			AlternateKeyDefinition key = spec.keys().get(i);
			requireName(src, "keys[" + i + "].name", key.name());
			if (key.attributes().isEmpty()) {
				throw new InvalidDefinitionException(src, "keys[" + i + "].attributes", "must name at least one attribute");
			}
			for (String attr : key.attributes()) {
				if (!seen.contains(attr)) {
					throw new InvalidDefinitionException(src, "keys[" + i + "].attributes",
							"'" + attr + "' is not one of the entity's attributes");
				}
			}
		}
		for (int i = 0; i < spec.indexes().size(); i++) {
			IndexDefinition index = spec.indexes().get(i);
			requireName(src, "indexes[" + i + "].name", index.name());
			if (index.attributes().isEmpty()) {
				throw new InvalidDefinitionException(src, "indexes[" + i + "].attributes", "must name at least one attribute");
			}
			for (String attr : index.attributes()) {
				if (!seen.contains(attr)) {
					throw new InvalidDefinitionException(src, "indexes[" + i + "].attributes",
							"'" + attr + "' is not one of the entity's attributes");
				}
			}
		}
		entities.put(name, new EntityDefinition(name, setName, spec.displayName(),
				spec.displayCollectionName() == null ? spec.displayName() + "s" : spec.displayCollectionName(), idName,
				primaryName, spec.ownership(), source.custom(), spec.audit() == null || spec.audit(), spec.description(),
				attributes, spec.keys(), spec.indexes()));
		sourceOf.put(name, src);
		relationshipSpecs.put(name, rels);
	}

	private static RelationshipSpec withAttribute(RelationshipSpec r, String attribute) {
		return new RelationshipSpec(r.schemaName(), r.type(), r.referencedEntity(),
				r.referencingAttribute() == null ? attribute : r.referencingAttribute(), r.hierarchical(), r.cascade(),
				r.entity2(), r.intersectEntity());
	}

	private void addExtension(Extension extension) {
		EntityDefinition entity = entities.get(extension.entity());
		if (entity == null) {
			throw new InvalidDefinitionException(extension.source(), "entity",
					"there is no entity named '" + extension.entity() + "'");
		}
		AttributeDefinition attribute = attribute(extension.source(), "attribute", extension.attribute(), true);
		if (entity.attribute(attribute.logicalName()).isPresent()) {
			throw new InvalidDefinitionException(extension.source(), "name",
					entity.logicalName() + " already has an attribute named '" + attribute.logicalName() + "'");
		}
		checkColumnsFree(extension.source(), "attribute", entity.attributes(), attribute);
		entities.put(entity.logicalName(), entity.withAttribute(attribute.withCustom(true)));
		attributeOrigins.put(entity.logicalName() + "." + attribute.logicalName(),
				new Placed(extension.source(), "attribute", null));
		if (extension.attribute().relationship() != null) {
			relationshipSpecs.get(entity.logicalName()).add(new Placed(extension.source(), "relationship",
					withAttribute(extension.attribute().relationship(), attribute.logicalName())));
		}
	}

	/**
	 * A polymorphic reference also takes the column {@code <name>type}: no two attributes may need the same column.
	 */
	private static void checkColumnsFree(String src, String field, List<AttributeDefinition> existing,
			AttributeDefinition attribute) {
		Set<String> taken = new HashSet<>();
		for (AttributeDefinition a : existing) {
			taken.add(a.logicalName());
			if (a.type().isPolymorphic()) {
				taken.add(a.typeColumn());
			}
		}
		if (taken.contains(attribute.logicalName())) {
			throw new InvalidDefinitionException(src, field + ".name", "'" + attribute.logicalName()
					+ "' is the column that holds the entity name of another attribute's reference");
		}
		if (attribute.type().isPolymorphic() && taken.contains(attribute.typeColumn())) {
			throw new InvalidDefinitionException(src, field + ".name", "'" + attribute.logicalName() + "' needs the column '"
					+ attribute.typeColumn() + "' for the entity name of its reference, and that name is taken");
		}
	}

	private AttributeDefinition attribute(String src, String field, AttributeSpec a, boolean mustBeCustomNamed) {
		String name = requireName(src, field + ".name", a.name());
		if (SYSTEM_ATTRIBUTES.contains(name)) {
			throw new InvalidDefinitionException(src, field + ".name", "'" + name + "' is a system column");
		}
		if (mustBeCustomNamed && !name.startsWith(Metadata.CUSTOM_PREFIX)) {
			throw new InvalidDefinitionException(src, field + ".name",
					"custom attribute names must start with the prefix '" + Metadata.CUSTOM_PREFIX + "'");
		}
		if (a.type() == null) {
			throw new InvalidDefinitionException(src, field + ".type", "is required");
		}
		AttributeType type = a.type();
		if (type == AttributeType.State || type == AttributeType.Status || type == AttributeType.Owner) {
			throw new InvalidDefinitionException(src, field + ".type",
					type + " is reserved for the system columns statecode, statuscode and ownerid");
		}
		Integer maxLength = a.maxLength();
		if (type.isText() || type == AttributeType.MultiSelectPicklist) {
			// 10,485,760 is PostgreSQL's longest varchar; H2 allows more.
			int limit = type == AttributeType.String ? 4000 : type == AttributeType.Memo ? 10_485_760 : 1_048_576;
			maxLength = maxLength == null ? (type == AttributeType.String ? 100 : 2000) : maxLength;
			if (maxLength < 1 || maxLength > limit) {
				throw new InvalidDefinitionException(src, field + ".maxLength", "must be between 1 and " + limit);
			}
		} else if (maxLength != null) {
			throw new InvalidDefinitionException(src, field + ".maxLength", "applies only to text attributes");
		}
		Integer precision = a.precision();
		if (type == AttributeType.Decimal || type == AttributeType.Money) {
			precision = precision == null ? 2 : precision;
			if (precision < 0 || precision > (type == AttributeType.Money ? 4 : 10)) {
				throw new InvalidDefinitionException(src, field + ".precision",
						"must be between 0 and " + (type == AttributeType.Money ? 4 : 10));
			}
		} else if (precision != null && type != AttributeType.Double) {
			throw new InvalidDefinitionException(src, field + ".precision", "applies only to decimal and money attributes");
		}
		if ((a.min() != null || a.max() != null) && !type.isNumeric()) {
			throw new InvalidDefinitionException(src, field + ".min", "applies only to numeric attributes");
		}
		if (a.min() != null && a.max() != null && a.min().compareTo(a.max()) > 0) {
			throw new InvalidDefinitionException(src, field + ".min", "is greater than max");
		}
		List<OptionDefinition> options = a.options() == null ? List.of() : a.options();
		if (type == AttributeType.Picklist || type == AttributeType.MultiSelectPicklist) {
			if (options.isEmpty()) {
				throw new InvalidDefinitionException(src, field + ".options", "a choice needs at least one option");
			}
			Set<Integer> values = new HashSet<>();
			for (int i = 0; i < options.size(); i++) {
				OptionDefinition o = options.get(i);
				if (!values.add(o.value())) {
					throw new InvalidDefinitionException(src, field + ".options[" + i + "].value",
							"the value " + o.value() + " is used twice");
				}
				require(src, field + ".options[" + i + "].label", o.label());
			}
		} else if (!options.isEmpty()) {
			throw new InvalidDefinitionException(src, field + ".options", "applies only to choice attributes");
		}
		List<String> targets = a.targets() == null ? List.of() : a.targets();
		if (type == AttributeType.Lookup && targets.isEmpty()) {
			throw new InvalidDefinitionException(src, field + ".targets", "a lookup names at least one target entity");
		}
		if (type == AttributeType.Customer) {
			targets = targets.isEmpty() ? List.of("account", "contact") : targets;
		}
		if (!type.isReference() && !targets.isEmpty()) {
			throw new InvalidDefinitionException(src, field + ".targets", "applies only to lookup attributes");
		}
		io.rapport.metadata.StringFormat format = type == AttributeType.String && a.format() == null
				? io.rapport.metadata.StringFormat.Text : a.format();
		AttributeDefinition attribute = new AttributeDefinition(name, a.displayName() == null ? name : a.displayName(), type,
				a.required(), format, maxLength, precision, a.min(), a.max(), options, targets, a.defaultValue(), false,
				false, a.description(), Boolean.TRUE.equals(a.secured()));
		if (a.defaultValue() != null) {
			try {
				AttributeValues.check(attribute, AttributeValues.coerce(attribute, a.defaultValue()));
			} catch (RapportException e) {
				String why = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
				throw new InvalidDefinitionException(src, field + ".default", why);
			}
		}
		return attribute;
	}

	private static List<StateSpec> states(String src, List<StateSpec> states) {
		if (states.isEmpty()) {
			return List.of(new StateSpec(0, "Active", 1, List.of(new OptionDefinition(1, "Active"))),
					new StateSpec(1, "Inactive", 2, List.of(new OptionDefinition(2, "Inactive"))));
		}
		Set<Integer> statuses = new HashSet<>();
		for (int i = 0; i < states.size(); i++) {
			StateSpec s = states.get(i);
			if (s.value() == null || s.label() == null || s.statuses() == null || s.statuses().isEmpty()) {
				throw new InvalidDefinitionException(src, "states[" + i + "]",
						"a state needs a value, a label and at least one status");
			}
			for (OptionDefinition status : s.statuses()) {
				if (!statuses.add(status.value())) {
					throw new InvalidDefinitionException(src, "states[" + i + "].statuses",
							"the status value " + status.value() + " is used twice");
				}
			}
			if (s.defaultStatus() != null && s.statuses().stream().noneMatch(o -> o.value() == s.defaultStatus())) {
				throw new InvalidDefinitionException(src, "states[" + i + "].defaultStatus",
						"is not one of the state's statuses");
			}
		}
		return states;
	}

	private void resolve() {
		for (EntityDefinition entity : entities.values()) {
			for (AttributeDefinition a : entity.attributes()) {
				for (String target : a.targets()) {
					if (!entities.containsKey(target)) {
						Placed origin = origin(entity, a);
						throw new InvalidDefinitionException(origin.source(), origin.field() + ".targets",
								"'" + target + "' is not an entity");
					}
				}
			}
		}
		Set<String> names = new HashSet<>();
		for (EntityDefinition entity : entities.values()) {
			Set<String> covered = new HashSet<>();
			for (Placed placed : relationshipSpecs.getOrDefault(entity.logicalName(), List.of())) {
				RelationshipDefinition r = relationship(placed.source(), placed.field(), entity, placed.relationship());
				if (!names.add(r.schemaName().toLowerCase())) {
					throw new InvalidDefinitionException(placed.source(), placed.field() + ".schemaName",
							"the relationship '" + r.schemaName() + "' is defined twice");
				}
				if (r.isOneToMany()) {
					covered.add(r.referencingAttribute() + "->" + r.referencedEntity());
				}
				relationships.add(r);
			}
			for (AttributeDefinition a : entity.attributes()) {
				if (a.system() || !a.type().isReference()) {
					continue;
				}
				for (String target : a.targets()) {
					if (!covered.contains(a.logicalName() + "->" + target)) {
						String schemaName = entity.logicalName() + "_" + a.logicalName()
								+ (a.targets().size() > 1 ? "_" + target : "");
						if (!names.add(schemaName.toLowerCase())) {
							Placed origin = origin(entity, a);
							throw new InvalidDefinitionException(origin.source(), origin.field() + ".name",
									"its relationship name '" + schemaName + "' is already used");
						}
						relationships.add(new RelationshipDefinition(schemaName, RelationshipType.OneToMany, target,
								entity.logicalName(), a.logicalName(), CascadeConfiguration.REFERENTIAL, false, null,
								null, null, a.custom()));
					}
				}
			}
		}
	}

	private Placed origin(EntityDefinition entity, AttributeDefinition a) {
		Placed origin = attributeOrigins.get(entity.logicalName() + "." + a.logicalName());
		return origin != null ? origin
				: new Placed(sourceOf.getOrDefault(entity.logicalName(), entity.logicalName()), a.logicalName(), null);
	}

	private RelationshipDefinition relationship(String src, String field, EntityDefinition entity, RelationshipSpec r) {
		String schemaName = require(src, field + ".schemaName", r.schemaName());
		if (!Pattern.matches("[A-Za-z][A-Za-z0-9_]{0,99}", schemaName)) {
			throw new InvalidDefinitionException(src, field + ".schemaName", "'" + schemaName + "' is not a valid name");
		}
		if (r.type() == RelationshipType.ManyToMany) {
			String other = require(src, field + ".entity2", r.entity2());
			if (!entities.containsKey(other)) {
				throw new InvalidDefinitionException(src, field + ".entity2", "'" + other + "' is not an entity");
			}
			String intersect = requireName(src, field + ".intersectEntity", r.intersectEntity());
			if (entities.containsKey(intersect)) {
				throw new InvalidDefinitionException(src, field + ".intersectEntity",
						"'" + intersect + "' is already an entity");
			}
			if (relationships.stream().anyMatch(existing -> intersect.equals(existing.intersectEntity()))) {
				throw new InvalidDefinitionException(src, field + ".intersectEntity",
						"'" + intersect + "' is already the intersect table of another relationship");
			}
			// The prefix keeps a custom intersect table off the platform's own tables (rapport_*, Flyway's history).
			if (entity.custom() && !intersect.startsWith(Metadata.CUSTOM_PREFIX)) {
				throw new InvalidDefinitionException(src, field + ".intersectEntity",
						"the intersect table of a custom relationship must start with the prefix '" + Metadata.CUSTOM_PREFIX + "'");
			}
			return new RelationshipDefinition(schemaName, RelationshipType.ManyToMany, null, null, null, null, false,
					entity.logicalName(), other, intersect, entity.custom());
		}
		String attribute = require(src, field + ".referencingAttribute", r.referencingAttribute());
		AttributeDefinition a = entity.attribute(attribute)
			.orElseThrow(() -> new InvalidDefinitionException(src, field + ".referencingAttribute",
					"'" + attribute + "' is not an attribute of " + entity.logicalName()));
		String referenced = require(src, field + ".referencedEntity", r.referencedEntity());
		if (!a.type().isReference() || !a.targets().contains(referenced)) {
			throw new InvalidDefinitionException(src, field + ".referencingAttribute",
					"'" + attribute + "' is not a lookup to " + referenced);
		}
		CascadeConfiguration cascade = r.cascade() == null ? CascadeConfiguration.REFERENTIAL : r.cascade();
		CascadeType delete = cascade.delete();
		if (delete != CascadeType.Cascade && delete != CascadeType.RemoveLink && delete != CascadeType.Restrict) {
			throw new InvalidDefinitionException(src, field + ".cascade.delete",
					"must be Cascade, RemoveLink or Restrict");
		}
		boolean hierarchical = Boolean.TRUE.equals(r.hierarchical());
		if (hierarchical && !referenced.equals(entity.logicalName())) {
			throw new InvalidDefinitionException(src, field + ".hierarchical",
					"only a self-referencing relationship can be hierarchical");
		}
		return new RelationshipDefinition(schemaName, RelationshipType.OneToMany, referenced, entity.logicalName(),
				attribute, cascade, hierarchical, null, null, null, a.custom());
	}

	private static String require(String src, String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidDefinitionException(src, field, "is required");
		}
		return value;
	}

	private static String requireName(String src, String field, String value) {
		require(src, field, value);
		if (!NAME.matcher(value).matches()) {
			throw new InvalidDefinitionException(src, field, "'" + value
					+ "' is not a valid name (lower-case letters, digits and _, starting with a letter, at most 50)");
		}
		if (RESERVED_WORDS.contains(value)) {
			throw new InvalidDefinitionException(src, field, "'" + value + "' is a reserved SQL word");
		}
		return value;
	}

	static RequiredLevel required(RequiredLevel level) {
		return level == null ? RequiredLevel.None : level;
	}

	static Ownership ownership(Ownership o) {
		return o;
	}
}
