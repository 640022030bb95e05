package io.rapport.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.query.QueryJson;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;
import io.rapport.security.CurrentPrincipal;

/** Runs a query written in the JSON form of the query model ({@link QueryJson}). */
@RestController
class QueryController {

	private final Queries queries;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	QueryController(Queries queries, Metadata metadata, CurrentPrincipal principal) {
		this.queries = queries;
		this.metadata = metadata;
		this.principal = principal;
	}

	@PostMapping("/api/query")
	Map<String, Object> query(@RequestBody Map<String, Object> body) {
		Query query = QueryJson.read(body);
		EntityDefinition entity = metadata.entity(query.entity());
		RecordPage page = queries.execute(principal.get(), query);
		List<Map<String, Object>> records = new ArrayList<>();
		page.records().forEach(r -> records.add(RecordJson.write(entity, r)));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("entity", entity.logicalName());
		result.put("records", records);
		result.put("nextCursor", page.nextCursor());
		if (page.totalCount() != null) {
			result.put("totalCount", page.totalCount());
			result.put("countCapped", page.countCapped());
		}
		return result;
	}
}
