package io.rapport.query;

/** Condition operators (Dataverse's ConditionOperator names, in our case). */
public enum Operator {
	Eq(1), Ne(1), Gt(1), Ge(1), Lt(1), Le(1), Like(1), NotLike(1), BeginsWith(1), NotBeginWith(1), EndsWith(1),
	NotEndWith(1), Contains(1), DoesNotContain(1), In(-1), NotIn(-1), Null(0), NotNull(0), Between(2), NotBetween(2),
	On(1), OnOrBefore(1), OnOrAfter(1), LastXDays(1), NextXDays(1), EqUserId(0), NeUserId(0), Under(1), UnderOrEqual(1),
	Today(0), Yesterday(0), Tomorrow(0);

	private final int arity;

	Operator(int arity) {
		this.arity = arity;
	}

	/** How many values the operator takes: 0, 1, 2, or -1 for one or more. */
	public int arity() {
		return arity;
	}
}
