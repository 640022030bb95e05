package io.rapport.data;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Many rows into one table in the current transaction. On PostgreSQL, from {@link #COPY_FROM} rows on, as one
 * {@code COPY … FROM STDIN} in its text format: the server then parses no statement and starts no executor per row,
 * which made a 1,000-row insert of contacts about 1.5 times as fast as a batch of the same {@code INSERT}s (measured
 * here, on the bench table with its fifteen indexes). Otherwise as one JDBC batch: jOOQ renders the statement once (with
 * its column types, so PostgreSQL gets typed parameters), and JDBC binds the values; binding each value through jOOQ's
 * batch API had taken about a third of a 1,000-record CreateMultiple.
 */
public final class JdbcBatch {

	/** Fewer rows than this go as a batch of inserts: a COPY costs one more round trip than a batch. */
	static final int COPY_FROM = 20;

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private JdbcBatch() {
	}

	/**
	 * Inserts {@code rows}, each holding one value per field in the fields' order, as the columns hold them (UUID,
	 * String, Integer, BigDecimal, OffsetDateTime…). A constraint violation is thrown as jOOQ's
	 * {@link IntegrityConstraintViolationException}, anything else as its {@link DataAccessException}; either way the
	 * transaction holds none of the rows.
	 */
	public static void insert(DSLContext dsl, Table<?> table, List<? extends Field<?>> fields, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		if (rows.size() >= COPY_FROM && dsl.dialect().family() == SQLDialect.POSTGRES) {
			String copy = "copy " + dsl.render(table) + " ("
					+ String.join(", ", fields.stream().map(f -> dsl.render(DSL.name(f.getName()))).toList()) + ") from stdin";
			boolean copied = dsl.connectionResult(c -> c.isWrapperFor(PGConnection.class) && copy(c, copy, rows));
			if (copied) {
				return;
			}
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

	private static boolean copy(Connection c, String sql, List<Object[]> rows) {
		StringBuilder text = new StringBuilder(rows.size() * 256);
		for (Object[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					text.append('\t');
				}
				appendCopyValue(text, row[i]);
			}
			text.append('\n');
		}
		byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
		try {
			CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
			try {
				in.writeToCopy(data, 0, data.length);
				in.endCopy();
			} finally {
				if (in.isActive()) {
					in.cancelCopy();
				}
			}
		} catch (SQLException e) {
			throw translate(sql, e);
		}
		return true;
	}

	/**
	 * One value in COPY's text format: {@code \N} for null; backslash, tab, newline and carriage return escaped;
	 * timestamps in ISO 8601 with their offset, numbers without exponents where the type allows. Also what the
	 * benchmark's data loader writes.
	 */
	public static void appendCopyValue(StringBuilder out, Object value) {
		if (value == null) {
			out.append("\\N");
		} else if (value instanceof String s) {
			for (int i = 0; i < s.length(); i++) {
				char ch = s.charAt(i);
				switch (ch) {
					case '\\' -> out.append("\\\\");
					case '\t' -> out.append("\\t");
					case '\n' -> out.append("\\n");
					case '\r' -> out.append("\\r");
					default -> out.append(ch);
				}
			}
		} else if (value instanceof Boolean b) {
			out.append(b ? 't' : 'f');
		} else if (value instanceof BigDecimal d) {
			out.append(d.toPlainString());
		} else if (value instanceof OffsetDateTime t) {
			out.append(TIMESTAMP.format(t.getOffset().equals(ZoneOffset.UTC) ? t : t.withOffsetSameInstant(ZoneOffset.UTC)));
		} else if (value instanceof java.util.Collection<?> || value instanceof byte[]) {
			throw new IllegalArgumentException("A " + value.getClass().getSimpleName() + " is not a column value");
		} else {
			// UUID, Integer, Long, Double (Infinity and NaN as PostgreSQL spells them), LocalDate
			appendCopyValue(out, value.toString());
		}
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
