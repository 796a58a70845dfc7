package io.ponte.connector.twenty;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A note for {@code direct:twenty-create-note}: created once, then linked to each record given (a Twenty note is
 * linked through one note target per record).
 *
 * @param title e.g. {@code WhatsApp}
 * @param body the text, in Markdown (Twenty renders it in the note editor)
 * @param personId the patient's Twenty person id
 * @param opportunityId an opportunity to show the note on as well
 * @param companyId a company to show the note on as well
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TwentyNote(
        String title,
        @JsonAlias({"markdown", "text"}) String body,
        String personId,
        String opportunityId,
        String companyId) {

    boolean hasTarget() {
        return present(personId) || present(opportunityId) || present(companyId);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
