package io.rapport.api.web;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/** The response to one request of a {@code $batch}, kept in memory to be written into the batch's response. */
final class CapturedResponse extends HttpServletResponseWrapper {

	private int status = 200;
	private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
	private final ByteArrayOutputStream body = new ByteArrayOutputStream();
	private PrintWriter writer;

	CapturedResponse(HttpServletResponse batch) {
		super(batch);
	}

	int status() {
		return status;
	}

	/** Header names in the case they were first set, each with its values. */
	Map<String, List<String>> headers() {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
		return copy;
	}

	byte[] body() {
		if (writer != null) {
			writer.flush();
		}
		return body.toByteArray();
	}

	@Override
	public void setStatus(int sc) {
		status = sc;
	}

	@Override
	public int getStatus() {
		return status;
	}

	@Override
	public void sendError(int sc) {
		status = sc;
	}

	@Override
	public void sendError(int sc, String msg) {
		status = sc;
	}

	@Override
	public void sendRedirect(String location) {
		status = 302;
		setHeader("Location", location);
	}

	@Override
	public void setHeader(String name, String value) {
		if (value == null) {
			headers.remove(name);
		} else {
			headers.put(name, new ArrayList<>(List.of(value)));
		}
	}

	@Override
	public void addHeader(String name, String value) {
		if (value != null) {
			headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
		}
	}

	@Override
	public void setIntHeader(String name, int value) {
		setHeader(name, Integer.toString(value));
	}

	@Override
	public void addIntHeader(String name, int value) {
		addHeader(name, Integer.toString(value));
	}

	@Override
	public void setDateHeader(String name, long date) {
		setHeader(name, Long.toString(date));
	}

	@Override
	public void addDateHeader(String name, long date) {
		addHeader(name, Long.toString(date));
	}

	@Override
	public boolean containsHeader(String name) {
		return headers.containsKey(name);
	}

	@Override
	public String getHeader(String name) {
		List<String> values = headers.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	@Override
	public Collection<String> getHeaders(String name) {
		return headers.getOrDefault(name, List.of());
	}

	@Override
	public Collection<String> getHeaderNames() {
		return new ArrayList<>(headers.keySet());
	}

	@Override
	public void setContentType(String type) {
		setHeader("Content-Type", type);
	}

	@Override
	public String getContentType() {
		return getHeader("Content-Type");
	}

	@Override
	public void setCharacterEncoding(String charset) {
	}

	@Override
	public String getCharacterEncoding() {
		return StandardCharsets.UTF_8.name();
	}

	@Override
	public void setContentLength(int len) {
	}

	@Override
	public void setContentLengthLong(long len) {
	}

	@Override
	public void setLocale(java.util.Locale loc) {
	}

	@Override
	public ServletOutputStream getOutputStream() {
		return new ServletOutputStream() {

			@Override
			public void write(int b) {
				body.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) {
				body.write(b, off, len);
			}

			@Override
			public boolean isReady() {
				return true;
			}

			/** Writing to memory never blocks: the listener may write at once. */
			@Override
			public void setWriteListener(WriteListener listener) {
				try {
					listener.onWritePossible();
				} catch (java.io.IOException e) {
					listener.onError(e);
				}
			}
		};
	}

	@Override
	public PrintWriter getWriter() {
		if (writer == null) {
			writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
		}
		return writer;
	}

	@Override
	public void flushBuffer() {
	}

	@Override
	public boolean isCommitted() {
		return false;
	}

	@Override
	public void reset() {
		status = 200;
		headers.clear();
		body.reset();
	}

	@Override
	public void resetBuffer() {
		body.reset();
	}
}
