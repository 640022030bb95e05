package io.rapport.customers;

import java.util.UUID;

/**
 * The fixed ids of the connection roles every organization starts with (created at the first start). Pairs match
 * each other; Colleague, Partner, Friend and Spouse/Partner match themselves.
 */
public final class DefaultConnectionRoles {

	/** Business, any record type; matches Customer. */
	public static final UUID SUPPLIER = id(1);
	/** Business, any record type; matches Supplier. */
	public static final UUID CUSTOMER = id(2);
	/** Business, accounts; matches Employee. */
	public static final UUID EMPLOYER = id(3);
	/** Business, contacts; matches Employer. */
	public static final UUID EMPLOYEE = id(4);
	/** Family, contacts; matches Child. */
	public static final UUID PARENT = id(5);
	/** Family, contacts; matches Parent. */
	public static final UUID CHILD = id(6);
	/** Business, contacts; matches itself. */
	public static final UUID COLLEAGUE = id(7);
	/** Business, any record type; matches itself. */
	public static final UUID PARTNER = id(8);
	/** Business, accounts; matches Former Employee. */
	public static final UUID FORMER_EMPLOYER = id(9);
	/** Business, contacts; matches Former Employer. */
	public static final UUID FORMER_EMPLOYEE = id(10);
	/** Sales, any record type; matches Referred. */
	public static final UUID REFERRAL_SOURCE = id(11);
	/** Sales, any record type; matches Referral Source. */
	public static final UUID REFERRED = id(12);
	/** Social, contacts; matches itself. */
	public static final UUID FRIEND = id(13);
	/** Family, contacts; matches itself. */
	public static final UUID SPOUSE_PARTNER = id(14);

	private DefaultConnectionRoles() {
	}

	private static UUID id(int n) {
		return UUID.fromString(String.format("00000000-0000-0000-00c0-%012x", n));
	}
}
