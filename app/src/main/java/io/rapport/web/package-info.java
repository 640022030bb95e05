/** The web application: server-rendered pages over metadata. */
package io.rapport.web;
