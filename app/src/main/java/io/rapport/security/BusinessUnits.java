package io.rapport.security;

import java.util.UUID;

import io.rapport.core.Principal;

/**
 * Disabling and enabling business units, as in Dataverse: while a unit is disabled, its users and those of every unit
 * below it cannot sign in (the sign-in form, HTTP Basic and API tokens refuse them, and a signed-in session is ended at
 * its next request). The organization (the root unit) cannot be disabled. Each change is written to the change history.
 */
public interface BusinessUnits {

	/** Administrators only; 400 for the root unit or the unit the administrator belongs to (or one above it). */
	void setDisabled(Principal by, UUID businessUnitId, boolean disabled);

	/** Whether the unit, or a unit above it, is disabled. */
	boolean disabled(UUID businessUnitId);
}
