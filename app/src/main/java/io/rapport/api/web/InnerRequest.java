package io.rapport.api.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * One request of a {@code $batch}, served by the application's own dispatcher on the batch's thread: the batch's
 * signed-in user, its own method, path, query, headers, body and request attributes.
 */
final class InnerRequest extends HttpServletRequestWrapper {

	private final String method;
	private final String path;
	private final String query;
	private final Map<String, String> headers;
	private final byte[] body;
	private final Map<String, Object> attributes = new HashMap<>();
	private final Map<String, String[]> parameters = new LinkedHashMap<>();

	/** {@code path} is the path below the context path, {@code query} the raw query string or null. */
	InnerRequest(HttpServletRequest batch, String method, String path, String query, Map<String, String> headers, String body) {
		super(batch);
		this.method = method;
		this.path = path;
		this.query = query;
		this.headers = headers;
		this.body = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		if (query != null) {
			Map<String, List<String>> values = new LinkedHashMap<>();
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String name = decode(eq < 0 ? pair : pair.substring(0, eq));
				values.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
			}
			values.forEach((k, v) -> parameters.put(k, v.toArray(String[]::new)));
		}
	}

	private static String decode(String s) {
		return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	@Override
	public String getMethod() {
		return method;
	}

	@Override
	public String getRequestURI() {
		return getContextPath() + path;
	}

	@Override
	public StringBuffer getRequestURL() {
		HttpServletRequest batch = (HttpServletRequest) getRequest();
		String url = batch.getRequestURL().toString();
		return new StringBuffer(url.substring(0, url.length() - batch.getRequestURI().length()) + getRequestURI());
	}

	@Override
	public String getServletPath() {
		return path;
	}

	@Override
	public String getPathInfo() {
		return null;
	}

	@Override
	public String getQueryString() {
		return query;
	}

	@Override
	public String getParameter(String name) {
		String[] values = parameters.get(name);
		return values == null ? null : values[0];
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return Collections.unmodifiableMap(parameters);
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(parameters.keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		return parameters.get(name);
	}

	@Override
	public String getHeader(String name) {
		return headers.get(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		String value = headers.get(name);
		return Collections.enumeration(value == null ? List.of() : List.of(value));
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		return Collections.enumeration(headers.keySet());
	}

	@Override
	public int getIntHeader(String name) {
		String value = headers.get(name);
		return value == null ? -1 : Integer.parseInt(value);
	}

	@Override
	public long getDateHeader(String name) {
		return -1;
	}

	@Override
	public String getContentType() {
		return headers.get("content-type");
	}

	@Override
	public int getContentLength() {
		return body.length;
	}

	@Override
	public long getContentLengthLong() {
		return body.length;
	}

	@Override
	public String getCharacterEncoding() {
		return StandardCharsets.UTF_8.name();
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				return in.read(b, off, len);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			/** The body is in memory: all of it is available at once, and then all is read. */
			@Override
			public void setReadListener(ReadListener listener) {
				try {
					if (in.available() > 0) {
						listener.onDataAvailable();
					}
					listener.onAllDataRead();
				} catch (java.io.IOException e) {
					listener.onError(e);
				}
			}
		};
	}

	@Override
	public BufferedReader getReader() {
		return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
	}

	@Override
	public Object getAttribute(String name) {
		return attributes.get(name);
	}

	@Override
	public Enumeration<String> getAttributeNames() {
		return Collections.enumeration(new ArrayList<>(attributes.keySet()));
	}

	@Override
	public void setAttribute(String name, Object value) {
		if (value == null) {
			attributes.remove(name);
		} else {
			attributes.put(name, value);
		}
	}

	@Override
	public void removeAttribute(String name) {
		attributes.remove(name);
	}
}
