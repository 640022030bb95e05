package io.rapport.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAction;
import org.apache.olingo.commons.api.edm.provider.CsdlComplexType;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlEnumMember;
import org.apache.olingo.commons.api.edm.provider.CsdlEnumType;
import org.apache.olingo.commons.api.edm.provider.CsdlFunction;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlParameter;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlReturnType;
import org.springframework.stereotype.Component;

import io.rapport.security.AccessRight;

/**
 * Declares the business operations of {@link ODataOperationCatalog} in {@code $metadata}, as Dataverse does: the
 * actions and functions with their parameters and results, and the types these use — the abstract entity types
 * {@code crmbaseentity} and {@code principal}, the {@code AccessRights} flags and the complex types. The catalog is
 * the one list: what is declared here is what the action and function controllers serve.
 */
@Component
class CatalogOperations implements ODataOperations {

	private static final String NS = ODataModel.NAMESPACE;

	/** Types whose values are entities: a complex type holds them as navigation properties. */
	private static final List<String> ENTITY_TYPES = List.of("crmbaseentity", "principal");

	@Override
	public List<CsdlAction> actions() {
		List<CsdlAction> actions = new ArrayList<>();
		for (ODataOperationCatalog.Operation o : ODataOperationCatalog.OPERATIONS) {
			if (o.kind() == ODataOperationCatalog.Kind.Action) {
				CsdlAction a = new CsdlAction().setName(o.name()).setBound(o.boundTo() != null).setParameters(parameters(o));
				if (o.returnType() != null) {
					a.setReturnType(returnType(o.returnType()));
				}
				actions.add(a);
			}
		}
		return actions;
	}

	@Override
	public List<CsdlFunction> functions() {
		List<CsdlFunction> functions = new ArrayList<>();
		for (ODataOperationCatalog.Operation o : ODataOperationCatalog.OPERATIONS) {
			if (o.kind() == ODataOperationCatalog.Kind.Function) {
				functions.add(new CsdlFunction().setName(o.name()).setBound(o.boundTo() != null).setComposable(false)
					.setParameters(parameters(o)).setReturnType(returnType(o.returnType())));
			}
		}
		return functions;
	}

	@Override
	public List<CsdlEntityType> entityTypes() {
		return ENTITY_TYPES.stream().map(name -> new CsdlEntityType().setName(name).setAbstract(true)).toList();
	}

	@Override
	public List<CsdlEnumType> enumTypes() {
		List<CsdlEnumMember> members = new ArrayList<>();
		members.add(new CsdlEnumMember().setName("None").setValue("0"));
		for (AccessRight right : AccessRight.values()) {
			members.add(new CsdlEnumMember().setName(right.name() + "Access").setValue(String.valueOf(right.mask())));
		}
		return List.of(new CsdlEnumType().setName("AccessRights").setFlags(true).setUnderlyingType(
				new FullQualifiedName("Edm", "Int32")).setMembers(members));
	}

	@Override
	public List<CsdlComplexType> complexTypes() {
		List<CsdlComplexType> types = new ArrayList<>();
		types.add(new CsdlComplexType().setName("AuditDetailCollection").setProperties(List.of(
				property("MoreRecords", "Edm.Boolean"), property("PagingCookie", "Edm.String"),
				property("TotalRecordCount", "Edm.Int32"))));
		for (Map.Entry<String, Map<String, String>> t : ODataOperationCatalog.COMPLEX_TYPES.entrySet()) {
			List<CsdlProperty> properties = new ArrayList<>();
			List<CsdlNavigationProperty> navigations = new ArrayList<>();
			t.getValue().forEach((name, type) -> {
				if (ENTITY_TYPES.contains(type.substring(type.lastIndexOf('.') + 1))) {
					navigations.add(new CsdlNavigationProperty().setName(name).setType(fqn(type)).setNullable(true));
				} else {
					properties.add(property(name, type));
				}
			});
			types.add(new CsdlComplexType().setName(t.getKey()).setProperties(properties).setNavigationProperties(navigations));
		}
		return types;
	}

	private static List<CsdlParameter> parameters(ODataOperationCatalog.Operation o) {
		List<CsdlParameter> parameters = new ArrayList<>();
		if (o.boundTo() != null) {
			parameters.add(new CsdlParameter().setName("entity").setType(fqn(NS + "." + o.boundTo())).setNullable(false));
		}
		for (ODataOperationCatalog.Parameter p : o.parameters()) {
			parameters.add(new CsdlParameter().setName(p.name()).setType(fqn(p.type())).setNullable(p.optional()));
		}
		return parameters;
	}

	private static CsdlReturnType returnType(String type) {
		boolean collection = type.startsWith("Collection(");
		String element = collection ? type.substring("Collection(".length(), type.length() - 1) : type;
		return new CsdlReturnType().setType(fqn(element)).setCollection(collection);
	}

	private static CsdlProperty property(String name, String type) {
		return new CsdlProperty().setName(name).setType(fqn(type));
	}

	private static FullQualifiedName fqn(String qualified) {
		return new FullQualifiedName(qualified);
	}
}
