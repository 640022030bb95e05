/** Users, business units, teams, sign-in, the current principal and the access checks every read and write goes through. */
package io.rapport.security;
