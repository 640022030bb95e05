/** Import and export of records, duplicate detection jobs and bulk delete: the bulk work that runs as background jobs. */
package io.rapport.imports;
