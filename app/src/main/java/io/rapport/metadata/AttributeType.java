package io.rapport.metadata;

/** The type of an attribute, with Dataverse's names where Dataverse has one. */
public enum AttributeType {
	String, Memo, Integer, BigInt, Decimal, Double, Money, Boolean, DateTime, DateOnly,
	Picklist, MultiSelectPicklist, Lookup, Customer, Owner, State, Status, Uniqueidentifier;

	/** Lookup-like attributes hold a {@link io.rapport.core.RecordRef}. */
	public boolean isReference() {
		return this == Lookup || this == Customer || this == Owner;
	}

	/** Customer and owner always point at one of several entities; see AttributeDefinition#polymorphic for lookups. */
	public boolean isPolymorphic() {
		return this == Customer || this == Owner;
	}

	public boolean isChoice() {
		return this == Picklist || this == State || this == Status;
	}

	public boolean isNumeric() {
		return this == Integer || this == BigInt || this == Decimal || this == Double || this == Money;
	}

	public boolean isText() {
		return this == String || this == Memo;
	}

	public boolean isTemporal() {
		return this == DateTime || this == DateOnly;
	}
}
