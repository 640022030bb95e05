package io.rapport.security.internal;

import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.metadata.EntityDefinition;
import io.rapport.security.AccessControl;
import io.rapport.security.Privilege;

/**
 * Until security roles exist, every signed-in user may read and change every record; a missing or disabled principal
 * is refused. This is the single place that decision is made, so roles and sharing replace it here only.
 */
@Component
class AuthenticatedAccess implements AccessControl {

	@Override
	public Condition readPredicate(Principal principal, EntityDefinition entity, Table<?> table) {
		if (principal == null || principal.userId() == null) {
			return DSL.falseCondition();
		}
		return DSL.noCondition();
	}

	@Override
	public void check(Principal principal, Privilege privilege, EntityDefinition entity, EntityRecord record) {
		if (principal == null || principal.userId() == null) {
			throw RapportException.forbidden("You must sign in to " + privilege.name().toLowerCase() + " "
					+ entity.displayCollectionName().toLowerCase() + ".");
		}
	}
}
