package io.rapport.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a Web API request body over {@code rapport.api.max-request-bytes} (default 16 MB, Dataverse's request limit)
 * with 413: at once when Content-Length says so, else as soon as the body read passes the limit.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

	/** Thrown when the body read passes the limit; answered with 413. */
	static final class RequestTooLarge extends IOException {

		RequestTooLarge(long limit) {
			super(message(limit));
		}
	}

	private final long limit;

	RequestSizeLimit(@Value("${rapport.api.max-request-bytes:16777216}") long limit) {
		this.limit = limit;
	}

	static String message(long limit) {
		return "The request body is larger than the limit of " + limit + " bytes (" + limit / (1024 * 1024)
				+ " MB); send fewer records per request.";
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/api/data/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			response.setStatus(413);
			response.setContentType("application/json");
			response.getOutputStream().write(("{\"error\":{\"code\":\"RequestTooLarge\",\"message\":"
					+ "\"" + message(limit) + "\"}}").getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(new Limited(request, limit), response);
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new Counting(super.getInputStream(), limit);
			}
			return stream;
		}
	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream in;
		private final long limit;
		private long read;

		Counting(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = in.read(b, off, len);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws RequestTooLarge {
			read += n;
			if (read > limit) {
				throw new RequestTooLarge(limit);
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}
	}
}
