package io.ponte.connector.kommo;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Which lead {@code direct:kommo-get-lead} reads.
 *
 * @param leadId Kommo's lead id, e.g. {@code leads[status][0][id]} of a Kommo webhook
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KommoLeadRef(@JsonAlias({"id", "lead_id"}) Long leadId) {}
