/** The HTTP API: records over metadata (Dataverse-shaped URLs and payloads), the query endpoint and the admin customization endpoints. */
package io.rapport.api;
