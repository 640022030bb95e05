package io.rapport.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The printed table (Markdown, so it pastes into an issue as it is) and the facts under it. */
final class Report {

	private Report() {
	}

	static String table(BenchConfig config, List<Result> results, Map<String, Object> memory, Map<String, Object> data,
			Map<String, Explain.Plan> plans, double appSeconds) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "id", "benchmark", "Rapport", "limit (raw)", "ratio", "target", "result" });
		for (Result r : results) {
			if (r.check() != null) {
				rows.add(new String[] { r.id(), r.title(), r.check(), "", "", r.target(), r.verdict() });
			} else {
				rows.add(new String[] { r.id(), r.title(), figure(r.rapport(), r.unit(), r.rapportP99Ms(), r.percentile()),
						figure(r.limit(), r.unit(), r.limitP99Ms(), r.percentile()), ratio(r.ratio()),
						r.target(), r.verdict() });
			}
		}
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder b = new StringBuilder();
		b.append(String.format("Rapport engine benchmarks, PostgreSQL, scale %,d contacts, %d threads, median of %d runs of %.0f s%n%n",
				config.scale(), config.threads(), config.runs(), config.seconds()));
		for (int r = 0; r < rows.size(); r++) {
			line(b, rows.get(r), widths);
			if (r == 0) {
				String[] rule = new String[widths.length];
				for (int i = 0; i < widths.length; i++) {
					rule[i] = "-".repeat(widths[i]);
				}
				line(b, rule, widths);
			}
		}
		b.append(String.format("%nMemory during the benchmarks: peak heap used %s MB (max %s MB), peak RSS %s MB; app start %.1f s%n",
				memory.get("peakHeapUsedMB"), memory.get("maxHeapMB"), memory.get("peakRssMB"), appSeconds));
		b.append("System load average (1 min), 2 cores shared with the database and other work: ")
			.append(memory.get("loadAverage1m")).append('\n');
		b.append("Data: ").append(data).append('\n');
		if (!plans.isEmpty()) {
			b.append("\nPlans (EXPLAIN ANALYZE):\n");
			plans.forEach((name, p) -> b.append(String.format("- %s: %.2f ms, %,d rows read: %s%n", name, p.executionMs(),
					p.examined(), p.summary())));
		}
		return b.toString();
	}

	private static void line(StringBuilder b, String[] row, int[] widths) {
		b.append('|');
		for (int i = 0; i < row.length; i++) {
			b.append(' ').append(pad(row[i], widths[i])).append(" |");
		}
		b.append('\n');
	}

	private static String pad(String s, int width) {
		return s + " ".repeat(Math.max(0, width - s.length()));
	}

	/** Two decimals, cut rather than rounded (0.297 is not 0.30); more for the tiny ratios of a badly missed target. */
	private static String ratio(Double ratio) {
		if (ratio == null) {
			return "";
		}
		if (ratio >= 0.1) {
			return String.format("%.2f", Math.floor(ratio * 100) / 100);
		}
		return ratio >= 0.001 ? String.format("%.3f", ratio) : String.format("%.1e", ratio);
	}

	private static String figure(Double value, String unit, Double latency, double percentile) {
		if (value == null) {
			return "";
		}
		String v = value >= 100 ? String.format("%,.0f %s", value, unit) : String.format("%,.2f %s", value, unit);
		return latency == null ? v : v + String.format(", p%.0f %.2f ms", percentile, latency);
	}
}
