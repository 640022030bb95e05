package io.rapport.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page (the form posts to Spring Security's /login). */
@Controller
class SignInController {

	@GetMapping("/login")
	String signIn() {
		return "signin";
	}
}
