package io.rapport.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the report. A measured line compares Rapport's rate with the limit's rate (higher is better on both, so
 * the ratio is rapport / limit); a check line states a fact that is true or not (no OFFSET, same rows as raw).
 */
record Result(String id, String title, String unit, Double rapport, Double rapportP99Ms, Double limit, Double limitP99Ms,
		Double targetRatio, Double targetP99Ms, String check, Boolean checkPassed, String note, List<Double> rapportRuns,
		List<Double> limitRuns, double percentile) {

	static Result measured(String id, String title, String unit, Load.Comparison c, Double targetRatio,
			Double targetP99Ms, String note) {
		return new Result(id, title, unit, c.rapportOps(), c.rapportP99(), c.limitOps(), c.limitP99(), targetRatio,
				targetP99Ms, null, null, c.warmUp() == null ? note : note + "; " + c.warmUp(), c.rapport().stream().map(Load.Run::opsPerSecond).toList(),
				c.limit().stream().map(Load.Run::opsPerSecond).toList(), 99);
	}

	/** A latency target without a raw counterpart: the medians of the runs' rates and p99s. */
	static Result latency(String id, String title, List<Load.Run> runs, double targetP99Ms, String note) {
		return latency(id, title, runs, 99, targetP99Ms, note);
	}

	/**
	 * As {@link #latency(String, String, List, double, String)} at another percentile (B7's target is a p95); the
	 * report's latency column then holds that percentile, and the note says which.
	 */
	static Result latency(String id, String title, List<Load.Run> runs, double percentile, double targetMs, String note) {
		List<Double> rates = runs.stream().map(Load.Run::opsPerSecond).toList();
		return new Result(id, title, "ops/s", Load.Comparison.median(rates),
				Load.Comparison.median(runs.stream().map(r -> r.percentileMs(percentile)).toList()), null, null, null, targetMs,
				null, null, note, rates, List.of(), percentile);
	}

	static Result rates(String id, String title, String unit, List<Double> rapportRuns, List<Double> limitRuns,
			Double targetRatio, String note) {
		return new Result(id, title, unit, Load.Comparison.median(rapportRuns), null, Load.Comparison.median(limitRuns),
				null, targetRatio, null, null, null, note, rapportRuns, limitRuns, 99);
	}

	static Result check(String id, String title, String fact, boolean passed, String note) {
		return new Result(id, title, null, null, null, null, null, null, null, fact, passed, note, List.of(), List.of(), 99);
	}

	static Result info(String id, String title, String fact, String note) {
		return new Result(id, title, null, null, null, null, null, null, null, fact, null, note, List.of(), List.of(), 99);
	}

	Double ratio() {
		return rapport == null || limit == null || limit == 0 ? null : rapport / limit;
	}

	/** PASS, FAIL, or "info" for a line without a target. */
	String verdict() {
		if (checkPassed != null) {
			return checkPassed ? "PASS" : "FAIL";
		}
		if (check != null || targetRatio == null && targetP99Ms == null) {
			return "info";
		}
		boolean ok = (targetRatio == null || ratio() >= targetRatio)
				&& (targetP99Ms == null || (rapportP99Ms != null && rapportP99Ms <= targetP99Ms));
		return ok ? "PASS" : "FAIL";
	}

	String target() {
		if (checkPassed != null) {
			return "must hold";
		}
		if (check != null) {
			return "—";
		}
		StringBuilder b = new StringBuilder();
		if (targetRatio != null) {
			b.append(String.format("≥ %.1f", targetRatio));
		}
		if (targetP99Ms != null) {
			b.append(b.isEmpty() ? "" : ", ").append(String.format("p%.0f ≤ %.0f ms", percentile, targetP99Ms));
		}
		return b.isEmpty() ? "—" : b.toString();
	}

	Map<String, Object> toJson() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", id);
		m.put("title", title);
		if (check != null) {
			m.put("check", check);
		} else {
			m.put("unit", unit);
			m.put("rapport", rapport);
			m.put("rapportP99Ms", rapportP99Ms);
			m.put("limit", limit);
			m.put("limitP99Ms", limitP99Ms);
			m.put("ratio", ratio());
			m.put("targetRatio", targetRatio);
			m.put("targetP99Ms", targetP99Ms);
			// rapportP99Ms and targetP99Ms hold this percentile's latency (99 unless a target says otherwise, as B7's p95)
			m.put("latencyPercentile", percentile);
			m.put("rapportRuns", rapportRuns);
			m.put("limitRuns", limitRuns);
		}
		m.put("result", verdict());
		m.put("note", note);
		return m;
	}
}
