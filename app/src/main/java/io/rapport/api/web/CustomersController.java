package io.rapport.api.web;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.customers.AccountHierarchy;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Customer views that are more than one query: an account's hierarchy. */
@RestController
@Tag(name = "Customers", description = "Accounts and contacts")
class CustomersController {

	private final AccountHierarchy hierarchy;
	private final CurrentPrincipal principal;

	CustomersController(AccountHierarchy hierarchy, CurrentPrincipal principal) {
		this.hierarchy = hierarchy;
		this.principal = principal;
	}

	@GetMapping("/api/customers/accounts/{id}/hierarchy")
	@Operation(summary = "The account's whole hierarchy, top first, with each account's depth and parent (only accounts you may read)")
	List<AccountHierarchy.Node> hierarchy(@PathVariable UUID id) {
		return hierarchy.of(principal.get(), id);
	}
}
