package io.rapport.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.api.web.ODataOperationCatalog.Operation;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditHistory;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.DuplicateDetection;
import io.rapport.customers.DuplicateMatch;
import io.rapport.data.Records;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.AccessRight;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Sharing;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Dataverse's functions for the engine's read-only business operations: WhoAmI, RetrievePrincipalAccess (bound to a
 * user or team), RetrieveDuplicates and RetrieveRecordChangeHistory. Parameters come as {@code Name=@alias} with the alias
 * in the query string, as Dataverse clients send them. Everything is read as the caller.
 */
@RestController
class ODataFunctionsController {

	private static final String NS = "Microsoft.Dynamics.CRM.";
	private static final int MAX_PAGE = 5000;

	private final Sharing sharing;
	private final DuplicateDetection duplicates;
	private final AuditHistory history;
	private final Records records;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	ODataFunctionsController(Sharing sharing, DuplicateDetection duplicates, AuditHistory history, Records records,
			Metadata metadata, CurrentPrincipal principal) {
		this.sharing = sharing;
		this.duplicates = duplicates;
		this.history = history;
		this.records = records;
		this.metadata = metadata;
		this.principal = principal;
	}

	@GetMapping({ "/api/data/v9.2/systemusers({id})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess({parameters})",
			"/api/data/v9.2/systemusers({id})/RetrievePrincipalAccess({parameters})" })
	Map<String, Object> userAccess(@PathVariable String id, @PathVariable String parameters,
			@RequestParam Map<String, String> query, HttpServletRequest request) {
		return principalAccess(new RecordRef("systemuser", ODataParameters.guid("systemuserid", id)), parameters, query, request);
	}

	@GetMapping({ "/api/data/v9.2/teams({id})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess({parameters})",
			"/api/data/v9.2/teams({id})/RetrievePrincipalAccess({parameters})" })
	Map<String, Object> teamAccess(@PathVariable String id, @PathVariable String parameters,
			@RequestParam Map<String, String> query, HttpServletRequest request) {
		return principalAccess(new RecordRef("team", ODataParameters.guid("teamid", id)), parameters, query, request);
	}

	private Map<String, Object> principalAccess(RecordRef who, String list, Map<String, String> query,
			HttpServletRequest request) {
		Map<String, Object> parameters = parameters(ODataOperationCatalog.RETRIEVE_PRINCIPAL_ACCESS, list, query);
		RecordRef target = ODataParameters.reference(metadata, "Target", parameters.get("Target"));
		Set<AccessRight> rights = sharing.principalAccess(principal.get(), target, who);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", base(request) + "/$metadata#" + NS + "RetrievePrincipalAccessResponse");
		body.put("AccessRights", ODataActionsController.AccessMask.format(rights));
		return body;
	}

	@GetMapping({ "/api/data/v9.2/RetrieveDuplicates({parameters})", "/api/data/v9.2/Microsoft.Dynamics.CRM.RetrieveDuplicates({parameters})" })
	Map<String, Object> retrieveDuplicates(@PathVariable String parameters, @RequestParam Map<String, String> query,
			HttpServletRequest request) {
		Map<String, Object> given = parameters(ODataOperationCatalog.RETRIEVE_DUPLICATES, parameters, query);
		Map<String, Object> business = ODataParameters.object("BusinessEntity", given.get("BusinessEntity"));
		EntityDefinition entity = ODataParameters.entityOf(metadata, "BusinessEntity", business);
		if (!(given.get("MatchingEntityName") instanceof String matchingName)) {
			throw RapportException.invalid("MatchingEntityName", "expects the logical name of an entity, such as 'contact'");
		}
		EntityDefinition matching = metadata.find(matchingName)
			.orElseThrow(() -> RapportException.invalid("MatchingEntityName", "'" + matchingName + "' is not an entity"));
		Page page = Page.of(given.get("PagingInfo"));
		Map<String, Object> values = ODataParameters.values(business);
		Object id = values.remove(entity.primaryIdAttribute());
		Principal who = principal.get();
		List<DuplicateMatch> matches;
		if (id != null && values.isEmpty()) {
			matches = duplicates.retrieveDuplicates(who, new RecordRef(entity.logicalName(),
					ODataParameters.guid("BusinessEntity." + entity.primaryIdAttribute(), id)));
		} else {
			matches = duplicates.retrieveDuplicates(who, RecordJson.read(metadata, entity, values,
					id == null ? null : ODataParameters.guid("BusinessEntity." + entity.primaryIdAttribute(), id)));
		}
		List<Map<String, Object>> value = new ArrayList<>();
		for (DuplicateMatch match : page.of(matches.stream().filter(m -> m.record().entity().equals(matching.logicalName())).toList())) {
			EntityRecord record = records.retrieve(who, matching.logicalName(), match.record().id());
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("@odata.type", "#" + NS + matching.logicalName());
			json.putAll(RecordJson.write(matching, record));
			value.add(json);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", base(request) + "/$metadata#" + matching.entitySetName());
		body.put("value", value);
		return body;
	}

	@GetMapping({ "/api/data/v9.2/RetrieveRecordChangeHistory({parameters})",
			"/api/data/v9.2/Microsoft.Dynamics.CRM.RetrieveRecordChangeHistory({parameters})" })
	Map<String, Object> retrieveRecordChangeHistory(@PathVariable String parameters, @RequestParam Map<String, String> query,
			HttpServletRequest request) {
		Map<String, Object> given = parameters(ODataOperationCatalog.RETRIEVE_RECORD_CHANGE_HISTORY, parameters, query);
		RecordRef target = ODataParameters.reference(metadata, "Target", given.get("Target"));
		Page page = Page.of(given.get("PagingInfo"));
		List<AuditEntry> entries = history.forRecord(principal.get(), target);
		List<Map<String, Object>> details = new ArrayList<>();
		for (AuditEntry entry : page.of(entries)) {
			details.add(AuditDetails.detail(entry));
		}
		Map<String, Object> collection = new LinkedHashMap<>();
		collection.put("MoreRecords", page.number() * page.count() < entries.size());
		collection.put("PagingCookie", null);
		collection.put("TotalRecordCount", entries.size());
		collection.put("AuditDetails", details);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", base(request) + "/$metadata#" + NS + "RetrieveRecordChangeHistoryResponse");
		body.put("AuditDetailCollection", collection);
		return body;
	}

	/**
	 * Who the caller is, as Dataverse answers it: their user id and business unit. Rapport's organization is its root
	 * business unit (the unit named after the organization), so that unit's id is the organization's.
	 */
	@GetMapping({ "/api/data/v9.2/WhoAmI", "/api/data/v9.2/WhoAmI()", "/api/data/v9.2/Microsoft.Dynamics.CRM.WhoAmI",
			"/api/data/v9.2/Microsoft.Dynamics.CRM.WhoAmI()" })
	Map<String, Object> whoAmI(HttpServletRequest request) {
		Principal who = principal.get();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", base(request) + "/$metadata#" + NS + "WhoAmIResponse");
		body.put("BusinessUnitId", who.businessUnitId());
		body.put("UserId", who.userId());
		body.put("OrganizationId", Principal.ROOT_BUSINESS_UNIT_ID);
		return body;
	}

	@RequestMapping(value = { "/api/data/v9.2/WhoAmI", "/api/data/v9.2/WhoAmI()", "/api/data/v9.2/Microsoft.Dynamics.CRM.WhoAmI",
			"/api/data/v9.2/Microsoft.Dynamics.CRM.WhoAmI()",
			"/api/data/v9.2/systemusers({id})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess({parameters})",
			"/api/data/v9.2/systemusers({id})/RetrievePrincipalAccess({parameters})",
			"/api/data/v9.2/teams({id})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess({parameters})",
			"/api/data/v9.2/teams({id})/RetrievePrincipalAccess({parameters})", "/api/data/v9.2/RetrieveDuplicates({parameters})",
			"/api/data/v9.2/Microsoft.Dynamics.CRM.RetrieveDuplicates({parameters})",
			"/api/data/v9.2/RetrieveRecordChangeHistory({parameters})",
			"/api/data/v9.2/Microsoft.Dynamics.CRM.RetrieveRecordChangeHistory({parameters})" },
			method = { RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE })
	ResponseEntity<Object> functionsAreRead(HttpServletRequest request) {
		return ODataActionsController.methodNotAllowed(request, "GET", "A function is invoked with GET.");
	}

	private static Map<String, Object> parameters(Operation operation, String list, Map<String, String> query) {
		Map<String, Object> parameters = ODataParameters.functionParameters(list, query);
		operation.check(parameters.keySet());
		return parameters;
	}

	/** Dataverse's PagingInfo: PageNumber from 1, Count per page. */
	record Page(int number, int count) {

		static Page of(Object pagingInfo) {
			if (pagingInfo == null) {
				return new Page(1, 50);
			}
			Map<String, Object> info = ODataParameters.object("PagingInfo", pagingInfo);
			int number = info.get("PageNumber") == null ? 1 : ODataParameters.integer("PagingInfo.PageNumber", info.get("PageNumber"));
			int count = info.get("Count") == null ? 50 : ODataParameters.integer("PagingInfo.Count", info.get("Count"));
			if (number < 1) {
				throw RapportException.invalid("PagingInfo.PageNumber", "starts at 1");
			}
			if (count < 1 || count > MAX_PAGE) {
				throw RapportException.invalid("PagingInfo.Count", "must be between 1 and " + MAX_PAGE);
			}
			return new Page(number, count);
		}

		<T> List<T> of(List<T> all) {
			long from = (long) (number - 1) * count;
			return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + count));
		}
	}

	private static String base(HttpServletRequest request) {
		String url = request.getRequestURL().toString();
		return url.substring(0, url.indexOf("/api/data/v9.2") + "/api/data/v9.2".length());
	}

	/** An audit entry in the shape of Dataverse's AttributeAuditDetail. */
	static final class AuditDetails {

		/** Dataverse's audit action values for the actions Rapport records under the same name. */
		private static final Map<String, Integer> ACTIONS = Map.of("Create", 1, "Update", 2, "Delete", 3, "Assign", 13);

		private AuditDetails() {
		}

		static Map<String, Object> detail(AuditEntry entry) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("@odata.type", "#" + NS + "audit");
			record.put("auditid", entry.id().toString());
			record.put("action", ACTIONS.get(entry.action()));
			record.put("action@OData.Community.Display.V1.FormattedValue", entry.action());
			record.put("createdon", RecordJson.value(entry.changedOn()));
			record.put("_userid_value", entry.userId() == null ? null : entry.userId().toString());
			record.put("_objectid_value", entry.record().id().toString());
			record.put("objecttypecode", entry.record().entity());
			record.put("attributemask", String.join(",", entry.changes().stream().map(AuditEntry.AttributeChange::attribute).toList()));
			Map<String, Object> oldValue = new LinkedHashMap<>();
			Map<String, Object> newValue = new LinkedHashMap<>();
			oldValue.put("@odata.type", "#" + NS + entry.record().entity());
			newValue.put("@odata.type", "#" + NS + entry.record().entity());
			for (AuditEntry.AttributeChange change : entry.changes()) {
				oldValue.put(change.attribute(), change.oldValue());
				newValue.put(change.attribute(), change.newValue());
			}
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("@odata.type", "#" + NS + "AttributeAuditDetail");
			detail.put("AuditRecord", record);
			detail.put("OldValue", oldValue);
			detail.put("NewValue", newValue);
			return detail;
		}
	}
}
