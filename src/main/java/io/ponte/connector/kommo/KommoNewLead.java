package io.ponte.connector.kommo;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A lead for {@code direct:kommo-create-lead}, linked to the patient's contact: the contact is looked up by phone,
 * then e-mail, and created only when none matches.
 *
 * @param name the lead's name, e.g. {@code Consulta inicial - Maria Souza}
 * @param price the sale value in whole currency units (Kommo keeps integers)
 * @param pipelineId the pipeline; Kommo's main pipeline when absent
 * @param statusId the stage; the first stage of the pipeline when absent
 * @param contact the patient; a lead without one is created unlinked. A contact with neither phone nor e-mail
 *     cannot be matched, so it is always created
 * @param calendarLink written to the lead custom field {@code ponte.kommo.fields.calendar-link}
 * @param meetingStatus written to the lead custom field {@code ponte.kommo.fields.meeting-status}
 * @param tags tag names, e.g. {@code ["whatsapp"]}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KommoNewLead(
        @JsonAlias("leadName") String name,
        Long price,
        @JsonAlias("pipeline_id") Long pipelineId,
        @JsonAlias({"status_id", "stageId"}) Long statusId,
        KommoContact contact,
        @JsonAlias({"bookingUrl", "bookingLink"}) String calendarLink,
        String meetingStatus,
        List<String> tags) {}
