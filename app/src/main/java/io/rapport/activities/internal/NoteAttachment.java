package io.rapport.activities.internal;

import java.util.Base64;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.activities.Notes;
import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/**
 * A note's attached file travels Base64-encoded in {@code documentbody} (as in Dataverse) and may be at most 5 MB; its
 * size and whether the note has a file are taken from it, and a file needs a name.
 */
@Component
class NoteAttachment implements PipelineHandler {

	private static final Set<String> DERIVED = Set.of("filesize", "isdocument");

	@Override
	public String entity() {
		return "annotation";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		EntityRecord target = context.target();
		if (!target.has("documentbody")) {
			for (String derived : DERIVED) {
				Object current = context.preImage() != null ? context.preImage().get(derived)
						: derived.equals("isdocument") ? Boolean.FALSE : null;
				if (target.has(derived) && !Objects.equals(target.get(derived), current)) {
					throw RapportException.invalid(derived, "is taken from the attached file (documentbody)");
				}
			}
			return;
		}
		String body = (String) target.get("documentbody");
		if (body == null || body.isEmpty()) {
			target.set("documentbody", null).set("filesize", null).set("isdocument", false);
			return;
		}
		byte[] content;
		try {
			content = Base64.getDecoder().decode(body);
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid("documentbody", "is not Base64-encoded");
		}
		if (content.length > Notes.MAX_ATTACHMENT_BYTES) {
			throw RapportException.invalid("documentbody", String.format(
					"the attached file has %,d bytes; at most %,d bytes (5 MB) are allowed", content.length,
					Notes.MAX_ATTACHMENT_BYTES));
		}
		Object fileName = context.valueAfter("filename");
		if (fileName == null || fileName.toString().isBlank()) {
			throw RapportException.invalid("filename", "name the attached file");
		}
		Object mimeType = context.valueAfter("mimetype");
		if (mimeType == null || mimeType.toString().isBlank()) {
			target.set("mimetype", "application/octet-stream");
		}
		target.set("filesize", content.length).set("isdocument", true);
	}
}
