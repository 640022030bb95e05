package io.rapport.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** EXPLAIN (ANALYZE, BUFFERS) of one statement, boiled down to one line and the number of rows its scans read. */
final class Explain {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * @param summary   the plan as "Limit → Index Scan using ix (index cond) rows=51 removed=0"
	 * @param examined  rows the scan nodes produced plus the rows their filters threw away
	 */
	record Plan(String sql, String summary, long examined, double executionMs, boolean usesOffset, String json) {

		Map<String, Object> toJson() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("sql", sql);
			m.put("summary", summary);
			m.put("rowsExamined", examined);
			m.put("executionMs", executionMs);
			m.put("plan", json);
			return m;
		}
	}

	private Explain() {
	}

	static Plan of(Connection c, String sql, Object... params) throws SQLException {
		try (PreparedStatement p = c.prepareStatement("explain (analyze, buffers, format json) " + sql)) {
			for (int i = 0; i < params.length; i++) {
				p.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = p.executeQuery()) {
				rs.next();
				String json = rs.getString(1);
				JsonNode root = JSON.readTree(json).get(0);
				JsonNode plan = root.get("Plan");
				StringBuilder summary = new StringBuilder();
				long[] examined = new long[1];
				describe(plan, summary, examined, 0);
				return new Plan(sql, summary.toString(), examined[0], root.get("Execution Time").asDouble(),
						sql.toLowerCase().matches("(?s).*\\boffset\\b.*"), json);
			}
		}
	}

	private static void describe(JsonNode node, StringBuilder out, long[] examined, int depth) {
		String type = node.get("Node Type").asString();
		if (depth > 0) {
			out.append(" → ");
		}
		out.append(type);
		if (node.has("Index Name")) {
			out.append(" using ").append(node.get("Index Name").asString());
		} else if (node.has("Relation Name") && type.contains("Scan")) {
			out.append(" on ").append(node.get("Relation Name").asString());
		}
		if (node.has("Index Cond")) {
			out.append(" [index cond ").append(node.get("Index Cond").asString()).append("]");
		}
		if (node.has("Filter")) {
			out.append(" [filter]");
		}
		if (node.has("Sort Key")) {
			out.append(" [sort ").append(node.get("Sort Method") == null ? "" : node.get("Sort Method").asString()).append("]");
		}
		long loops = node.has("Actual Loops") ? node.get("Actual Loops").asLong() : 1;
		long rows = node.get("Actual Rows").asLong() * loops;
		long removed = node.has("Rows Removed by Filter") ? node.get("Rows Removed by Filter").asLong() : 0;
		out.append(" rows=").append(rows);
		if (removed > 0) {
			out.append(" removed by filter=").append(removed);
		}
		if (type.contains("Scan")) {
			examined[0] += rows + removed;
		}
		JsonNode children = node.get("Plans");
		if (children != null) {
			for (JsonNode child : children) {
				describe(child, out, examined, depth + 1);
			}
		}
	}
}
