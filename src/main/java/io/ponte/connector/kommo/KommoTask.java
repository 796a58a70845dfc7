package io.ponte.connector.kommo;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/**
 * A task on a lead for {@code direct:kommo-add-task}, e.g. a call the clinic's staff must make.
 *
 * @param leadId Kommo's lead id
 * @param text what to do, e.g. {@code Ligar para confirmar a consulta}
 * @param completeTill the deadline: ISO 8601 with an offset ({@code 2026-05-04T18:00:00-03:00}) or unix seconds
 * @param taskTypeId 1 = follow-up (the default), 2 = meeting, or a custom type id of the account
 * @param responsibleUserId the Kommo user who gets the task; Kommo's default (the token's user) when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KommoTask(
        @JsonAlias({"id", "lead_id"}) Long leadId,
        String text,
        @JsonAlias({"complete_till", "dueAt", "deadline"}) OffsetDateTime completeTill,
        @JsonAlias("task_type_id") Long taskTypeId,
        @JsonAlias("responsible_user_id") Long responsibleUserId) {}
