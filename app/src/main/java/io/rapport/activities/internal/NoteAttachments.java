package io.rapport.activities.internal;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.activities.Notes;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.query.Queries;

/** Reads a note's attached file through the query model, as the principal. */
@Component
class NoteAttachments implements Notes {

	private final Queries queries;

	NoteAttachments(Queries queries) {
		this.queries = queries;
	}

	@Override
	public Attachment attachment(Principal principal, UUID note) {
		EntityRecord record = queries.retrieve(principal, "annotation", note, List.of("documentbody", "filename", "mimetype"))
			.orElseThrow(() -> RapportException.notFound("annotation", note));
		String body = record.getString("documentbody");
		if (body == null) {
			throw new RapportException(404, "NoAttachment", "The note " + note + " has no attached file.");
		}
		return new Attachment(record.getString("filename"), record.getString("mimetype"), Base64.getDecoder().decode(body));
	}
}
