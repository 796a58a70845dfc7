package io.ponte.connector.kommo;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A note for {@code direct:kommo-add-note}: a plain ("common") note on the lead's timeline.
 *
 * @param leadId Kommo's lead id
 * @param text the note, e.g. {@code Paciente confirmou pelo WhatsApp}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KommoNote(
        @JsonAlias({"id", "lead_id"}) Long leadId,
        @JsonAlias({"note", "body"}) String text) {}
