package io.rapport.api.web;

import java.io.IOException;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.rapport.customers.DuplicateDetection;
import io.rapport.customers.DuplicateRecordsFound;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code MSCRM.SuppressDuplicateDetection: true} (Dataverse's header) saves a record even when it may be a duplicate. */
@Component
class DuplicateDetectionHeader extends OncePerRequestFilter {

	private final DuplicateDetection detection;

	DuplicateDetectionHeader(DuplicateDetection detection) {
		this.detection = detection;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"true".equalsIgnoreCase(request.getHeader(DuplicateRecordsFound.SUPPRESS_HEADER))) {
			chain.doFilter(request, response);
			return;
		}
		try {
			detection.suppressed(() -> {
				try {
					chain.doFilter(request, response);
				} catch (IOException | ServletException e) {
					throw new ChainFailed(e);
				}
				return null;
			});
		} catch (ChainFailed e) {
			if (e.getCause() instanceof IOException io) {
				throw io;
			}
			throw (ServletException) e.getCause();
		}
	}

	private static final class ChainFailed extends RuntimeException {
		ChainFailed(Exception cause) {
			super(cause);
		}
	}
}
