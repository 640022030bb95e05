package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.security.BusinessUnits;
import io.rapport.security.SecurityEvent;

/**
 * A business unit's disabled flag is security state, like a password or a role's privileges: written here (with the
 * row's version, modified on and by), never by a record update (the access check refuses {@code isdisabled} there),
 * and recorded in the change history as a security event.
 */
@Component
class BusinessUnitStates implements BusinessUnits {

	private static final org.jooq.Table<?> UNIT = table(name("businessunit"));

	private final DSLContext dsl;
	private final TransactionTemplate tx;
	private final SecurityModel model;
	private final ApplicationEventPublisher events;

	BusinessUnitStates(DSLContext dsl, TransactionTemplate tx, SecurityModel model, ApplicationEventPublisher events) {
		this.dsl = dsl;
		this.tx = tx;
		this.model = model;
		this.events = events;
	}

	@Override
	public void setDisabled(Principal by, UUID businessUnitId, boolean disabled) {
		if (by == null || (!by.isSystem() && !model.user(by.userId()).administrator())) {
			throw RapportException.forbidden("Only a system administrator disables or enables business units.");
		}
		if (disabled && Principal.ROOT_BUSINESS_UNIT_ID.equals(businessUnitId)) {
			throw new RapportException(400, "RootBusinessUnit",
					"The organization (the root business unit) cannot be disabled.");
		}
		if (disabled && !by.isSystem() && model.subtree(businessUnitId).contains(model.user(by.userId()).businessUnitId())) {
			throw new RapportException(400, "OwnBusinessUnit",
					"You cannot disable the business unit you belong to (or one above it): you would lock yourself out. Ask another administrator.");
		}
		tx.executeWithoutResult(s -> {
			Record unit = dsl.select(field(name("name"), String.class), field(name("isdisabled"), Boolean.class))
				.from(UNIT).where(field(name("businessunitid"), UUID.class).eq(businessUnitId)).forUpdate().fetchOne();
			if (unit == null) {
				throw RapportException.notFound("businessunit", businessUnitId);
			}
			if (Boolean.TRUE.equals(unit.get(1, Boolean.class)) == disabled) {
				return;
			}
			dsl.update(UNIT)
				.set(field(name("isdisabled"), Boolean.class), disabled)
				.set(field(name("modifiedon"), OffsetDateTime.class), OffsetDateTime.now(ZoneOffset.UTC))
				.set(field(name("modifiedby"), UUID.class), by.userId())
				.set(field(name("versionnumber"), Long.class), field(name("versionnumber"), Long.class).plus(1))
				.where(field(name("businessunitid"), UUID.class).eq(businessUnitId))
				.execute();
			model.changed("businessunit");
			events.publishEvent(new SecurityEvent(disabled ? "BusinessUnitDisabled" : "BusinessUnitEnabled", by.userId(),
					unit.get(0, String.class) + " (" + businessUnitId + ")"));
		});
	}

	@Override
	public boolean disabled(UUID businessUnitId) {
		return model.unitDisabled(businessUnitId);
	}
}
