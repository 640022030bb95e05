package io.rapport.data;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Many rows into one table as one JDBC batch, in the current transaction: jOOQ renders the statement once (with its
 * column types, so PostgreSQL gets typed parameters), and JDBC binds the values. Binding each value through jOOQ's
 * batch API took about a third of a 1,000-record CreateMultiple.
 */
public final class JdbcBatch {

	private JdbcBatch() {
	}

	/**
	 * Inserts {@code rows}, each holding one value per field in the fields' order, as the columns hold them (UUID,
	 * String, Integer, BigDecimal, OffsetDateTime…). A constraint violation is thrown as jOOQ's
	 * {@link IntegrityConstraintViolationException}, anything else as its {@link DataAccessException}.
	 */
	public static void insert(DSLContext dsl, Table<?> table, List<? extends Field<?>> fields, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		String sql = dsl.render(dsl.insertInto(table, fields).values(Collections.nCopies(fields.size(), (Object) null)));
		dsl.connection(c -> {
			try (PreparedStatement statement = c.prepareStatement(sql)) {
				for (Object[] row : rows) {
					for (int i = 0; i < row.length; i++) {
						statement.setObject(i + 1, row[i]);
					}
					statement.addBatch();
				}
				statement.executeBatch();
			} catch (SQLException e) {
				throw translate(sql, e);
			}
		});
	}

	private static DataAccessException translate(String sql, SQLException e) {
		for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
			if (cause.getSQLState() != null && cause.getSQLState().startsWith("23")) {
				return new IntegrityConstraintViolationException("SQL [" + sql + "]; " + cause.getMessage(), cause);
			}
		}
		return new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
	}
}
