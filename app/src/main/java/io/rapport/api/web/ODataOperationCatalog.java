package io.rapport.api.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.rapport.core.RapportException;

/**
 * The OData actions and functions of the Web API, with Dataverse's names and parameters: the one list that the
 * controllers check requests against and that {@code $metadata} can declare.
 */
public final class ODataOperationCatalog {

	/** An action changes something (POST); a function only reads (GET). */
	public enum Kind {
		Action, Function
	}

	/** One parameter: its name, its CSDL type, and whether it may be left out. */
	public record Parameter(String name, String type, boolean optional) {
	}

	/**
	 * One operation.
	 *
	 * @param boundTo    the entity type it is bound to (its first, binding parameter), or null when unbound
	 * @param returnType the CSDL type of its result, or null when it returns nothing (204)
	 */
	public record Operation(String name, Kind kind, String boundTo, List<Parameter> parameters, String returnType) {

		public Optional<Parameter> parameter(String name) {
			return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
		}

		/** Refuses (400) a parameter this operation does not have, or a required one left out. */
		public void check(Set<String> given) {
			for (String name : given) {
				if (!name.startsWith("@") && parameter(name).isEmpty()) {
					throw RapportException.invalid(name, "is not a parameter of " + this.name + "; it takes "
							+ parameters.stream().map(Parameter::name).toList());
				}
			}
			for (Parameter p : parameters) {
				if (!p.optional() && !given.contains(p.name())) {
					throw RapportException.invalid(p.name(), "is required by " + this.name);
				}
			}
		}
	}

	private static final String NS = "Microsoft.Dynamics.CRM.";

	public static final Operation MERGE = action("Merge", null, null, required("Target", "crmbaseentity"),
			required("Subordinate", "crmbaseentity"), required("UpdateContent", "crmbaseentity"),
			required("PerformParentingChecks", "Edm.Boolean"));
	public static final Operation GRANT_ACCESS = action("GrantAccess", null, null, required("Target", "crmbaseentity"),
			required("PrincipalAccess", "PrincipalAccess"));
	public static final Operation MODIFY_ACCESS = action("ModifyAccess", null, null, required("Target", "crmbaseentity"),
			required("PrincipalAccess", "PrincipalAccess"));
	public static final Operation REVOKE_ACCESS = action("RevokeAccess", null, null, required("Target", "crmbaseentity"),
			required("Revokee", "principal"));
	public static final Operation ASSIGN = action("Assign", null, null, required("Target", "crmbaseentity"),
			required("Assignee", "principal"));
	public static final Operation SET_STATE = action("SetState", null, null, required("EntityMoniker", "crmbaseentity"),
			required("State", "Edm.Int32"), optional("Status", "Edm.Int32"));
	public static final Operation RETRIEVE_PRINCIPAL_ACCESS = function("RetrievePrincipalAccess", "principal",
			NS + "RetrievePrincipalAccessResponse", required("Target", "crmbaseentity"));
	public static final Operation RETRIEVE_DUPLICATES = function("RetrieveDuplicates", null, "Collection(" + NS + "crmbaseentity)",
			required("BusinessEntity", "crmbaseentity"), required("MatchingEntityName", "Edm.String"),
			optional("PagingInfo", "PagingInfo"));
	public static final Operation RETRIEVE_RECORD_CHANGE_HISTORY = function("RetrieveRecordChangeHistory", null,
			NS + "RetrieveRecordChangeHistoryResponse", required("Target", "crmbaseentity"),
			optional("PagingInfo", "PagingInfo"));

	public static final Operation WHO_AM_I = function("WhoAmI", null, NS + "WhoAmIResponse");

	/** Every operation, in the order $metadata lists them. */
	public static final List<Operation> OPERATIONS = List.of(MERGE, GRANT_ACCESS, MODIFY_ACCESS, REVOKE_ACCESS, ASSIGN,
			SET_STATE, RETRIEVE_PRINCIPAL_ACCESS, RETRIEVE_DUPLICATES, RETRIEVE_RECORD_CHANGE_HISTORY, WHO_AM_I);

	/** Complex types the parameters and results use, property → CSDL type. */
	public static final Map<String, Map<String, String>> COMPLEX_TYPES = Map.of(
			"PrincipalAccess", Map.of("Principal", NS + "principal", "AccessMask", NS + "AccessRights"),
			"PagingInfo", Map.of("PageNumber", "Edm.Int32", "Count", "Edm.Int32", "PagingCookie", "Edm.String",
					"ReturnTotalRecordCount", "Edm.Boolean"),
			"RetrievePrincipalAccessResponse", Map.of("AccessRights", NS + "AccessRights"),
			"RetrieveRecordChangeHistoryResponse", Map.of("AuditDetailCollection", NS + "AuditDetailCollection"),
			"WhoAmIResponse", Map.of("BusinessUnitId", "Edm.Guid", "UserId", "Edm.Guid", "OrganizationId", "Edm.Guid"));

	private ODataOperationCatalog() {
	}

	public static Optional<Operation> find(String name) {
		String plain = name.startsWith(NS) ? name.substring(NS.length()) : name;
		return OPERATIONS.stream().filter(o -> o.name().equals(plain)).findFirst();
	}

	private static Operation action(String name, String boundTo, String returnType, Parameter... parameters) {
		return new Operation(name, Kind.Action, boundTo, List.of(parameters), returnType);
	}

	private static Operation function(String name, String boundTo, String returnType, Parameter... parameters) {
		return new Operation(name, Kind.Function, boundTo, List.of(parameters), returnType);
	}

	private static Parameter required(String name, String type) {
		return new Parameter(name, qualified(type), false);
	}

	private static Parameter optional(String name, String type) {
		return new Parameter(name, qualified(type), true);
	}

	private static String qualified(String type) {
		return type.startsWith("Edm.") ? type : NS + type;
	}

	static Set<String> names(Map<String, ?> parameters) {
		return new LinkedHashSet<>(parameters.keySet());
	}
}
