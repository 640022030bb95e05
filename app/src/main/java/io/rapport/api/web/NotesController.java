package io.rapport.api.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.activities.Notes;
import io.rapport.core.RapportException;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The file attached to a note, as its bytes (notes themselves are records: {@code /api/data/v9.2/annotations}). */
@RestController
@Tag(name = "Notes", description = "Files attached to notes")
class NotesController {

	private final Notes notes;
	private final CurrentPrincipal principal;

	NotesController(Notes notes, CurrentPrincipal principal) {
		this.notes = notes;
		this.principal = principal;
	}

	@GetMapping("/api/notes/{id}/attachment")
	@Operation(summary = "Download the file attached to a note")
	ResponseEntity<byte[]> attachment(@PathVariable String id) {
		UUID note;
		try {
			note = UUID.fromString(id);
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid("id", "'" + id + "' is not a valid GUID");
		}
		Notes.Attachment file = notes.attachment(principal.get(), note);
		return ResponseEntity.ok()
			.contentType(mediaType(file.mimeType()))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(file.fileName() == null ? "attachment" : file.fileName(), StandardCharsets.UTF_8)
				.build()
				.toString())
			.body(file.content());
	}

	private static MediaType mediaType(String mimeType) {
		try {
			return mimeType == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(mimeType);
		} catch (org.springframework.http.InvalidMediaTypeException e) {
			return MediaType.APPLICATION_OCTET_STREAM;
		}
	}
}
