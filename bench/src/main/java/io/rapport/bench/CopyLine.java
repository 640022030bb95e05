package io.rapport.bench;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.postgresql.copy.CopyIn;

/**
 * Writes rows in PostgreSQL's COPY text format (tab-separated, each value as the application's bulk inserts write it,
 * {@link io.rapport.data.JdbcBatch#appendCopyValue}) into a buffer that is flushed to a {@link CopyIn} in large chunks.
 */
final class CopyLine {

	private static final int FLUSH_AT = 1 << 20;

	private final CopyIn copy;
	private final StringBuilder line = new StringBuilder(512);
	private byte[] buffer = new byte[FLUSH_AT + 8192];
	private int length;
	private boolean first;
	private long bytes;
	private long rows;

	CopyLine(CopyIn copy) {
		this.copy = copy;
	}

	CopyLine start() {
		line.setLength(0);
		first = true;
		return this;
	}

	CopyLine value(Object v) {
		if (!first) {
			line.append('\t');
		}
		first = false;
		io.rapport.data.JdbcBatch.appendCopyValue(line, v);
		return this;
	}

	CopyLine value(int v) {
		return value((Object) Integer.valueOf(v));
	}

	CopyLine value(long v) {
		return value((Object) Long.valueOf(v));
	}

	CopyLine value(boolean v) {
		return value((Object) Boolean.valueOf(v));
	}

	void end() {
		line.append('\n');
		byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
		if (length + b.length > buffer.length) {
			flush();
			if (b.length > buffer.length) {
				buffer = new byte[b.length];
			}
		}
		System.arraycopy(b, 0, buffer, length, b.length);
		length += b.length;
		bytes += b.length;
		rows++;
		if (length >= FLUSH_AT) {
			flush();
		}
	}

	void flush() {
		if (length > 0) {
			try {
				copy.writeToCopy(buffer, 0, length);
			} catch (SQLException e) {
				throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
			}
			length = 0;
		}
	}

	/** Flushes what is left and ends the COPY; returns the number of rows the server reports. */
	long finish() throws SQLException {
		flush();
		return copy.endCopy();
	}

	long bytes() {
		return bytes;
	}

	long rows() {
		return rows;
	}
}
