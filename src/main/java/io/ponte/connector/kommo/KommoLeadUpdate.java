package io.ponte.connector.kommo;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What {@code direct:kommo-update-lead} changes on a lead; what is null is left alone, and at least one change is
 * required.
 *
 * @param leadId Kommo's lead id
 * @param statusId the new stage (move the lead in the funnel)
 * @param pipelineId the stage's pipeline, needed when the stage belongs to another pipeline
 * @param calendarLink written to the lead custom field {@code ponte.kommo.fields.calendar-link}
 * @param meetingStatus written to the lead custom field {@code ponte.kommo.fields.meeting-status}; for a select
 *     field, one of its options as written in Kommo (e.g. {@code Agendada})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KommoLeadUpdate(
        @JsonAlias({"id", "lead_id"}) Long leadId,
        @JsonAlias({"status_id", "stageId"}) Long statusId,
        @JsonAlias("pipeline_id") Long pipelineId,
        @JsonAlias({"bookingUrl", "bookingLink"}) String calendarLink,
        String meetingStatus) {}
