package io.rapport.metadata;

import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** How each attribute type is stored: the one mapping used by the schema sync, the pipeline and the query compiler. */
public final class ColumnTypes {

	/** Length of the column that holds the target entity name of a polymorphic reference. */
	public static final int TYPE_COLUMN_LENGTH = 64;

	private ColumnTypes() {
	}

	public static DataType<?> of(AttributeDefinition a) {
		return switch (a.type()) {
			case String, Memo, MultiSelectPicklist -> SQLDataType.VARCHAR(a.maxLength() == null ? 4000 : a.maxLength());
			case Integer, Picklist, State, Status -> SQLDataType.INTEGER;
			case BigInt -> SQLDataType.BIGINT;
			case Decimal -> SQLDataType.NUMERIC(23, a.precision() == null ? 2 : a.precision());
			case Money -> SQLDataType.NUMERIC(23, 4);
			case Double -> SQLDataType.DOUBLE;
			case Boolean -> SQLDataType.BOOLEAN;
			case DateTime -> SQLDataType.TIMESTAMPWITHTIMEZONE;
			case DateOnly -> SQLDataType.LOCALDATE;
			case Lookup, Customer, Owner, Uniqueidentifier -> SQLDataType.UUID;
		};
	}

	public static DataType<String> typeColumn() {
		return SQLDataType.VARCHAR(TYPE_COLUMN_LENGTH);
	}
}
