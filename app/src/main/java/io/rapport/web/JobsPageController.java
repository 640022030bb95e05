package io.rapport.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.jobs.JobStatus;
import io.rapport.jobs.Jobs;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.AccessControl;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Privilege;

/**
 * The background jobs page: the system jobs the user may read, newest first, with status, a progress bar with counts,
 * times and the job's message. While a job waits or runs, the table asks for itself again every two seconds (htmx
 * polling) and stops once every job has finished. Cancel and retry are offered where the user may change the job and
 * its status allows it; both go through {@link Jobs}, which checks again.
 */
@Controller
class JobsPageController {

	static final int SHOWN = 50;

	private final Jobs jobs;
	private final Queries queries;
	private final Metadata metadata;
	private final AccessControl access;
	private final Names names;
	private final CurrentPrincipal principal;

	JobsPageController(Jobs jobs, Queries queries, Metadata metadata, AccessControl access, Names names, CurrentPrincipal principal) {
		this.jobs = jobs;
		this.queries = queries;
		this.metadata = metadata;
		this.access = access;
		this.names = names;
		this.principal = principal;
	}

	/** A job as a row of the page. {@code percent} is null while the total is unknown. */
	record JobRow(UUID id, String name, String type, String status, boolean running, boolean failed, Long total, long processed,
			long succeeded, long failedCount, Integer percent, String owner, String createdOn, String startedOn,
			String completedOn, String message, boolean canCancel, boolean canRetry) {
	}

	@GetMapping("/app/jobs")
	String page(Model model) {
		table(model);
		return "jobs";
	}

	@GetMapping("/app/jobs/table")
	String table(Model model) {
		Principal who = principal.get();
		EntityDefinition def = metadata.entity(Jobs.ENTITY);
		List<EntityRecord> found = queries.execute(who, Query.of(Jobs.ENTITY)
			.select("name", "operationtype", "statuscode", "progresstotal", "progresscurrent", "successcount", "failurecount",
					"friendlymessage", "message", "ownerid", "owningbusinessunit", "createdon", "startedon", "completedon")
			.orderBy(Order.desc("createdon")).page(SHOWN)).records();
		Map<RecordRef, String> owners = names.of(who, found.stream().map(r -> r.get("ownerid", RecordRef.class)).toList());
		List<JobRow> rows = new ArrayList<>();
		for (EntityRecord r : found) {
			JobStatus status = JobStatus.of(r.get("statuscode", Integer.class));
			boolean writable = writable(who, def, r);
			Long total = r.get("progresstotal", Long.class);
			long processed = count(r, "progresscurrent");
			Integer percent = total == null ? null : total == 0 ? 100 : (int) Math.min(100, processed * 100 / total);
			String message = r.getString("friendlymessage") != null ? r.getString("friendlymessage") : r.getString("message");
			RecordRef owner = r.get("ownerid", RecordRef.class);
			rows.add(new JobRow(r.id(), r.getString("name"), r.getString("operationtype"), status.label(), !status.finished(),
					status == JobStatus.Failed, total, processed, count(r, "successcount"), count(r, "failurecount"), percent,
					owner == null ? "" : owners.getOrDefault(owner, ""), time(r, "createdon"), time(r, "startedon"),
					time(r, "completedon"), message, writable && cancellable(status),
					writable && (status == JobStatus.Failed || status == JobStatus.Canceled)));
		}
		model.addAttribute("jobs", rows);
		model.addAttribute("polling", rows.stream().anyMatch(JobRow::running));
		return "jobs :: table";
	}

	@PostMapping("/app/jobs/{id}/cancel")
	String cancel(@PathVariable UUID id) {
		return act(() -> jobs.cancel(principal.get(), id), "canceled");
	}

	@PostMapping("/app/jobs/{id}/retry")
	String retry(@PathVariable UUID id) {
		return act(() -> jobs.retry(principal.get(), id), "retried");
	}

	private static String act(Runnable action, String done) {
		try {
			action.run();
			return "redirect:/app/jobs?" + done;
		} catch (RapportException e) {
			if (e.status() == 409) {
				return "redirect:/app/jobs?finished";
			}
			throw e;
		}
	}

	private static boolean cancellable(JobStatus status) {
		return !status.finished() && status != JobStatus.Canceling;
	}

	private boolean writable(Principal who, EntityDefinition def, EntityRecord job) {
		try {
			access.check(who, Privilege.Write, def, job);
			return true;
		} catch (RapportException e) {
			return false;
		}
	}

	private static long count(EntityRecord r, String attribute) {
		Long v = r.get(attribute, Long.class);
		return v == null ? 0 : v;
	}

	private static String time(EntityRecord r, String attribute) {
		OffsetDateTime t = r.get(attribute, OffsetDateTime.class);
		return t == null ? "" : t.withOffsetSameInstant(java.time.ZoneOffset.UTC).format(Fields.DATE_TIME) + " UTC";
	}
}
