/**
 * Activities (phone calls, emails, letters, faxes, appointments, tasks) with their parties, notes with attachments,
 * and the timeline that shows a record's activities and notes newest first.
 */
package io.rapport.activities;
