package io.rapport.activities;

import java.util.UUID;

import io.rapport.core.Principal;

/** Notes (annotations) and the files attached to them. */
public interface Notes {

	/** The largest attachment a note takes: 5 MB, Dataverse's default. */
	int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

	/** The file attached to a note the principal may read; 404 when the note is not readable or has no file. */
	Attachment attachment(Principal principal, UUID note);

	/** A note's attached file. */
	record Attachment(String fileName, String mimeType, byte[] content) {
	}
}
