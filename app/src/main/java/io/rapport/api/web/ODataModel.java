package io.rapport.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAbstractEdmProvider;
import org.apache.olingo.commons.api.edm.provider.CsdlAction;
import org.apache.olingo.commons.api.edm.provider.CsdlActionImport;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainerInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlFunction;
import org.apache.olingo.commons.api.edm.provider.CsdlFunctionImport;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationPropertyBinding;
import org.apache.olingo.commons.api.edm.provider.CsdlParameter;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlReturnType;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ServiceMetadata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.RelationshipDefinition;

/**
 * The OData entity data model (Edm) generated from Rapport's metadata, with Dataverse's names: entity types and sets by
 * logical and entity-set name, lookups as {@code _x_value} properties and single-valued navigation properties
 * ({@code parentcustomerid_account} per target of a polymorphic lookup), relationships as collection-valued navigation
 * properties named by their schema name, and the Dataverse query functions the query model supports. Built again when
 * the metadata revision changes, so customizations appear at once.
 */
@Component
class ODataModel {

	static final String NAMESPACE = "Microsoft.Dynamics.CRM";
	static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, "System");

	/** The Dataverse query functions usable in $filter, and the query-model operator each one means. */
	static final Map<String, io.rapport.query.Operator> QUERY_FUNCTIONS = queryFunctions();

	private final Metadata metadata;
	private final ObjectProvider<ODataOperations> operations;
	private final OData odata = OData.newInstance();
	private volatile Built built;

	/** One revision's model. */
	record Built(long revision, ServiceMetadata serviceMetadata, Map<String, Navigation> navigations) {
	}

	/**
	 * A navigation property: single-valued ones follow {@code attribute} of {@code entity} to {@code target};
	 * collection-valued ones are the {@code target} records whose {@code attribute} points at {@code entity}.
	 */
	record Navigation(String entity, String name, boolean collection, String target, String attribute,
			RelationshipDefinition relationship) {
	}

	ODataModel(Metadata metadata, ObjectProvider<ODataOperations> operations) {
		this.metadata = metadata;
		this.operations = operations;
	}

	Metadata metadata() {
		return metadata;
	}

	OData odata() {
		return odata;
	}

	Built current() {
		Built b = built;
		long revision = metadata.revision();
		if (b == null || b.revision() != revision) {
			synchronized (this) {
				b = built;
				if (b == null || b.revision() != revision) {
					b = build(revision);
					built = b;
				}
			}
		}
		return b;
	}

	/** The navigation property {@code name} of an entity, if there is one. */
	Navigation navigation(String entity, String name) {
		return current().navigations().get(entity + "/" + name);
	}

	private Built build(long revision) {
		Map<String, Navigation> navigations = new LinkedHashMap<>();
		List<CsdlEntityType> types = new ArrayList<>();
		List<CsdlEntitySet> sets = new ArrayList<>();
		for (EntityDefinition e : metadata.entities()) {
			List<Navigation> navs = navigationsOf(e);
			navs.forEach(n -> navigations.put(e.logicalName() + "/" + n.name(), n));
			types.add(entityType(e, navs));
			sets.add(entitySet(e, navs));
		}
		List<CsdlFunction> functions = new ArrayList<>(queryFunctionDeclarations());
		List<CsdlAction> actions = new ArrayList<>();
		List<org.apache.olingo.commons.api.edm.provider.CsdlComplexType> complexTypes = new ArrayList<>();
		List<org.apache.olingo.commons.api.edm.provider.CsdlEnumType> enumTypes = new ArrayList<>();
		operations.orderedStream().forEach(o -> {
			functions.addAll(o.functions());
			actions.addAll(o.actions());
			types.addAll(o.entityTypes());
			complexTypes.addAll(o.complexTypes());
			enumTypes.addAll(o.enumTypes());
		});
		CsdlEntityContainer container = new CsdlEntityContainer().setName(CONTAINER.getName()).setEntitySets(sets);
		List<CsdlActionImport> actionImports = new ArrayList<>();
		for (CsdlAction a : actions) {
			if (!a.isBound()) {
				actionImports.add(new CsdlActionImport().setName(a.getName()).setAction(new FullQualifiedName(NAMESPACE, a.getName())));
			}
		}
		List<CsdlFunctionImport> functionImports = new ArrayList<>();
		Set<String> imported = new LinkedHashSet<>();
		for (CsdlFunction f : functions) {
			if (!f.isBound() && !QUERY_FUNCTIONS.containsKey(f.getName()) && imported.add(f.getName())) {
				functionImports.add(new CsdlFunctionImport().setName(f.getName())
					.setFunction(new FullQualifiedName(NAMESPACE, f.getName())).setIncludeInServiceDocument(false));
			}
		}
		container.setActionImports(actionImports).setFunctionImports(functionImports);
		CsdlSchema schema = new CsdlSchema().setNamespace(NAMESPACE).setAlias("mscrm").setEntityTypes(types)
			.setComplexTypes(complexTypes).setEnumTypes(enumTypes)
			.setFunctions(functions).setActions(actions).setEntityContainer(container);
		Provider provider = new Provider(schema);
		return new Built(revision, odata.createServiceMetadata(provider, List.of()), navigations);
	}

	private List<Navigation> navigationsOf(EntityDefinition e) {
		List<Navigation> navs = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		for (AttributeDefinition a : e.attributes()) {
			if (!a.type().isReference()) {
				continue;
			}
			for (String target : a.targets()) {
				if (metadata.find(target).isEmpty()) {
					continue;
				}
				String name = a.targets().size() > 1 ? a.logicalName() + "_" + target : a.logicalName();
				if (names.add(name)) {
					navs.add(new Navigation(e.logicalName(), name, false, target, a.logicalName(), null));
				}
			}
		}
		for (RelationshipDefinition r : metadata.relationships()) {
			if (r.isOneToMany() && r.referencedEntity().equals(e.logicalName()) && names.add(r.schemaName())) {
				navs.add(new Navigation(e.logicalName(), r.schemaName(), true, r.referencingEntity(), r.referencingAttribute(), r));
			} else if (!r.isOneToMany() && (e.logicalName().equals(r.entity1()) || e.logicalName().equals(r.entity2()))
					&& names.add(r.schemaName())) {
				String other = e.logicalName().equals(r.entity1()) ? r.entity2() : r.entity1();
				navs.add(new Navigation(e.logicalName(), r.schemaName(), true, other, null, r));
			}
		}
		return navs;
	}

	private CsdlEntityType entityType(EntityDefinition e, List<Navigation> navs) {
		List<CsdlProperty> properties = new ArrayList<>();
		for (AttributeDefinition a : e.attributes()) {
			properties.add(new CsdlProperty().setName(propertyName(a)).setType(type(a).getFullQualifiedName())
				.setNullable(!a.logicalName().equals(e.primaryIdAttribute())));
		}
		List<CsdlNavigationProperty> navigationProperties = new ArrayList<>();
		for (Navigation n : navs) {
			CsdlNavigationProperty p = new CsdlNavigationProperty().setName(n.name())
				.setType(new FullQualifiedName(NAMESPACE, n.target())).setCollection(n.collection());
			navigationProperties.add(n.collection() ? p : p.setNullable(true));
		}
		return new CsdlEntityType().setName(e.logicalName()).setProperties(properties)
			.setNavigationProperties(navigationProperties)
			.setKey(List.of(new CsdlPropertyRef().setName(e.primaryIdAttribute())));
	}

	private CsdlEntitySet entitySet(EntityDefinition e, List<Navigation> navs) {
		List<CsdlNavigationPropertyBinding> bindings = new ArrayList<>();
		for (Navigation n : navs) {
			metadata.find(n.target()).ifPresent(t -> bindings.add(new CsdlNavigationPropertyBinding().setPath(n.name())
				.setTarget(t.entitySetName())));
		}
		return new CsdlEntitySet().setName(e.entitySetName()).setType(new FullQualifiedName(NAMESPACE, e.logicalName()))
			.setNavigationPropertyBindings(bindings);
	}

	/** Lookups are read as {@code _x_value}, as in Dataverse. */
	static String propertyName(AttributeDefinition a) {
		return a.type().isReference() ? "_" + a.logicalName() + "_value" : a.logicalName();
	}

	static EdmPrimitiveTypeKind type(AttributeDefinition a) {
		return switch (a.type()) {
			case String, Memo, MultiSelectPicklist -> EdmPrimitiveTypeKind.String;
			case Integer, Picklist, State, Status -> EdmPrimitiveTypeKind.Int32;
			case BigInt -> EdmPrimitiveTypeKind.Int64;
			case Decimal, Money -> EdmPrimitiveTypeKind.Decimal;
			case Double -> EdmPrimitiveTypeKind.Double;
			case Boolean -> EdmPrimitiveTypeKind.Boolean;
			case DateTime -> EdmPrimitiveTypeKind.DateTimeOffset;
			case DateOnly -> EdmPrimitiveTypeKind.Date;
			case Lookup, Customer, Owner, Uniqueidentifier -> EdmPrimitiveTypeKind.Guid;
		};
	}

	private static Map<String, io.rapport.query.Operator> queryFunctions() {
		Map<String, io.rapport.query.Operator> m = new LinkedHashMap<>();
		m.put("On", io.rapport.query.Operator.On);
		m.put("OnOrBefore", io.rapport.query.Operator.OnOrBefore);
		m.put("OnOrAfter", io.rapport.query.Operator.OnOrAfter);
		m.put("LastXDays", io.rapport.query.Operator.LastXDays);
		m.put("NextXDays", io.rapport.query.Operator.NextXDays);
		m.put("Today", io.rapport.query.Operator.Today);
		m.put("Yesterday", io.rapport.query.Operator.Yesterday);
		m.put("Tomorrow", io.rapport.query.Operator.Tomorrow);
		m.put("EqualUserId", io.rapport.query.Operator.EqUserId);
		m.put("NotEqualUserId", io.rapport.query.Operator.NeUserId);
		m.put("Under", io.rapport.query.Operator.Under);
		m.put("UnderOrEqual", io.rapport.query.Operator.UnderOrEqual);
		m.put("In", io.rapport.query.Operator.In);
		m.put("NotIn", io.rapport.query.Operator.NotIn);
		m.put("Between", io.rapport.query.Operator.Between);
		m.put("NotBetween", io.rapport.query.Operator.NotBetween);
		return java.util.Collections.unmodifiableMap(m);
	}

	/** Dataverse's signatures: PropertyName, then PropertyValue (one value) or PropertyValues (a list). */
	private static List<CsdlFunction> queryFunctionDeclarations() {
		List<CsdlFunction> functions = new ArrayList<>();
		for (Map.Entry<String, io.rapport.query.Operator> f : QUERY_FUNCTIONS.entrySet()) {
			List<CsdlParameter> parameters = new ArrayList<>();
			parameters.add(new CsdlParameter().setName("PropertyName").setType(EdmPrimitiveTypeKind.String.getFullQualifiedName())
				.setNullable(false));
			int arity = f.getValue().arity();
			if (arity == 1) {
				parameters.add(new CsdlParameter().setName("PropertyValue").setType(EdmPrimitiveTypeKind.String.getFullQualifiedName())
					.setNullable(false));
			} else if (arity != 0) {
				parameters.add(new CsdlParameter().setName("PropertyValues").setType(EdmPrimitiveTypeKind.String.getFullQualifiedName())
					.setCollection(true).setNullable(false));
			}
			functions.add(new CsdlFunction().setName(f.getKey()).setBound(false).setComposable(false).setParameters(parameters)
				.setReturnType(new CsdlReturnType().setType(EdmPrimitiveTypeKind.Boolean.getFullQualifiedName()).setNullable(false)));
		}
		return functions;
	}

	/** Serves one schema to Olingo's lazily-resolving Edm. */
	private static final class Provider extends CsdlAbstractEdmProvider {

		private final CsdlSchema schema;
		private final Map<String, CsdlEntityType> types = new LinkedHashMap<>();
		private final Map<String, CsdlEntitySet> sets = new LinkedHashMap<>();

		Provider(CsdlSchema schema) {
			this.schema = schema;
			schema.getEntityTypes().forEach(t -> types.put(t.getName(), t));
			schema.getEntityContainer().getEntitySets().forEach(s -> sets.put(s.getName(), s));
		}

		@Override
		public List<CsdlSchema> getSchemas() {
			return List.of(schema);
		}

		@Override
		public CsdlEntityContainer getEntityContainer() {
			return schema.getEntityContainer();
		}

		@Override
		public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
			return name == null || name.equals(CONTAINER) ? new CsdlEntityContainerInfo().setContainerName(CONTAINER) : null;
		}

		@Override
		public CsdlEntityType getEntityType(FullQualifiedName name) {
			return NAMESPACE.equals(name.getNamespace()) ? types.get(name.getName()) : null;
		}

		@Override
		public org.apache.olingo.commons.api.edm.provider.CsdlComplexType getComplexType(FullQualifiedName name) {
			return NAMESPACE.equals(name.getNamespace()) ? schema.getComplexType(name.getName()) : null;
		}

		@Override
		public org.apache.olingo.commons.api.edm.provider.CsdlEnumType getEnumType(FullQualifiedName name) {
			return NAMESPACE.equals(name.getNamespace()) ? schema.getEnumType(name.getName()) : null;
		}

		@Override
		public CsdlEntitySet getEntitySet(FullQualifiedName container, String name) {
			return CONTAINER.equals(container) ? sets.get(name) : null;
		}

		@Override
		public List<CsdlFunction> getFunctions(FullQualifiedName name) {
			return NAMESPACE.equals(name.getNamespace())
					? schema.getFunctions().stream().filter(f -> f.getName().equals(name.getName())).toList() : null;
		}

		@Override
		public List<CsdlAction> getActions(FullQualifiedName name) {
			return NAMESPACE.equals(name.getNamespace())
					? schema.getActions().stream().filter(a -> a.getName().equals(name.getName())).toList() : null;
		}

		@Override
		public CsdlActionImport getActionImport(FullQualifiedName container, String name) {
			return CONTAINER.equals(container) ? schema.getEntityContainer().getActionImport(name) : null;
		}

		@Override
		public CsdlFunctionImport getFunctionImport(FullQualifiedName container, String name) {
			return CONTAINER.equals(container) ? schema.getEntityContainer().getFunctionImport(name) : null;
		}
	}
}
