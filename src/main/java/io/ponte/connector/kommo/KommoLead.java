package io.ponte.connector.kommo;

import java.util.List;

/**
 * A lead as {@code direct:kommo-get-lead} answers it: the lead's own fields, the two custom fields Ponte manages, and
 * its main contact with phone and e-mail — what Kommo's lead webhooks leave out.
 *
 * @param calendarLink value of the custom field {@code ponte.kommo.fields.calendar-link}, when set on the lead
 * @param meetingStatus value of the custom field {@code ponte.kommo.fields.meeting-status}, when set on the lead
 * @param contactIds every contact linked to the lead, the main one first
 * @param contact the main contact (Kommo's {@code is_main}, else the first), null when the lead has none
 */
public record KommoLead(
        Long id,
        String name,
        Long price,
        Long statusId,
        Long pipelineId,
        Long responsibleUserId,
        String calendarLink,
        String meetingStatus,
        List<Long> contactIds,
        KommoContact contact) {}
