package io.rapport.api.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditHistory;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.Metadata;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The change history of one record, newest first; optionally of one attribute only. */
@RestController
@Tag(name = "Audit", description = "Change history of records")
class AuditController {

	private final AuditHistory history;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	AuditController(AuditHistory history, Metadata metadata, CurrentPrincipal principal) {
		this.history = history;
		this.metadata = metadata;
		this.principal = principal;
	}

	@GetMapping("/api/audit/{entity}/{id}")
	@Operation(summary = "Who changed which attribute of the record from what to what, and when")
	List<AuditEntry> history(@PathVariable String entity, @PathVariable String id,
			@RequestParam(required = false) String attribute) {
		metadata.entity(entity);
		RecordRef ref;
		try {
			ref = new RecordRef(entity, java.util.UUID.fromString(id));
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid("id", "'" + id + "' is not a valid GUID");
		}
		return attribute == null ? history.forRecord(principal.get(), ref)
				: history.forAttribute(principal.get(), ref, attribute);
	}
}
