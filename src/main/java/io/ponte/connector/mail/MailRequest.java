package io.ponte.connector.mail;

import java.util.Map;

/**
 * What {@code direct:mail-send} takes: one e-mail to one recipient, rendered from the integrator's templates.
 *
 * @param to the recipient, e.g. {@code maria.souza@gmail.com} (or {@code Maria Souza <maria.souza@gmail.com>})
 * @param subject overrides the template's {@code .subject.mustache}; required when the template has none
 * @param template e.g. {@code confirmacao_agendamento}: {@code templates/<locale>/<template>.html.mustache} and
 *     {@code .txt.mustache} become the HTML and plain-text alternatives
 * @param data the values the template names, e.g. {@code paciente_nome}, {@code data}, {@code horario}
 * @param locale e.g. {@code pt-BR} (default) or {@code es}; a locale without the template falls back to pt-BR
 * @param text a plain-text message instead of a template (the {@code text} of {@code POST /api/send-message})
 * @param ics an appointment to attach as a calendar invitation ({@code convite.ics})
 */
public record MailRequest(String to, String subject, String template, Map<String, Object> data, String locale,
        String text, Invitation ics) {

    /**
     * An appointment as an iCalendar invitation ({@code METHOD:REQUEST}): the patient's calendar offers to add it.
     *
     * @param uid stable id of the appointment (e.g. the booking's uid): a later invitation with the same uid updates
     *     the same calendar entry; default: derived from the event
     * @param start ISO-8601, with an offset ({@code 2026-05-04T14:00:00-03:00}) or in the clinic's time zone
     *     ({@code 2026-05-04T14:00:00})
     * @param end the same; default: 30 minutes after the start
     * @param organizerEmail default: the sender ({@code ponte.mail.from})
     * @param attendeeEmail default: the recipient
     */
    public record Invitation(String uid, String start, String end, String summary, String location,
            String description, String organizerEmail, String attendeeEmail) {}
}
