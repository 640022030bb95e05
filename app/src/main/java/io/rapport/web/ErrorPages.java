package io.rapport.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import io.rapport.core.RapportException;
import jakarta.servlet.http.HttpServletResponse;

/** Problems in the web application become pages that say what happened and what to do, with the right status. */
@ControllerAdvice(basePackageClasses = ErrorPages.class)
class ErrorPages {

	@ExceptionHandler(RapportException.class)
	String problem(RapportException e, HttpServletResponse response, Model model) {
		response.setStatus(e.status());
		model.addAttribute("status", e.status());
		model.addAttribute("title", title(e.status()));
		model.addAttribute("message", e.getMessage());
		return "error";
	}

	static String title(int status) {
		return switch (status) {
			case 400 -> "That did not work";
			case 403 -> "You do not have permission to do that";
			case 404 -> "Not found";
			case 409 -> "Someone else changed this";
			default -> status >= 500 ? "Something went wrong on our side" : HttpStatus.valueOf(status).getReasonPhrase();
		};
	}
}
