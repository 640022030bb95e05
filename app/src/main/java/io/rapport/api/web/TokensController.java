package io.rapport.api.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.security.Credentials;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in user's personal API tokens. A token is shown once, when it is created. */
@RestController
@RequestMapping("/api/tokens")
@Tag(name = "API tokens", description = "Personal tokens for programs: Authorization: Bearer <token>")
class TokensController {

	private final Credentials credentials;
	private final CurrentPrincipal principal;

	TokensController(Credentials credentials, CurrentPrincipal principal) {
		this.credentials = credentials;
		this.principal = principal;
	}

	@GetMapping
	@Operation(summary = "Your tokens (without their secret)")
	List<Credentials.TokenInfo> list() {
		return credentials.tokens(principal.get());
	}

	@PostMapping
	@Operation(summary = "Create a token: {\"name\": \"my integration\"}; the response holds the token, shown this once")
	ResponseEntity<Credentials.IssuedToken> create(@RequestBody Map<String, Object> body) {
		Object name = body.get("name");
		Credentials.IssuedToken token = credentials.createToken(principal.get(), name == null ? null : name.toString());
		return ResponseEntity.created(URI.create("/api/tokens/" + token.id())).body(token);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke one of your tokens")
	ResponseEntity<Void> revoke(@PathVariable UUID id) {
		credentials.revokeToken(principal.get(), id);
		return ResponseEntity.noContent().build();
	}
}
