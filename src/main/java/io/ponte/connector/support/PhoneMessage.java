package io.ponte.connector.support;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.ponte.contact.PersonalDataMasker;
import io.ponte.contact.PhoneNumbers;
import java.util.List;

/**
 * A text or template message to a phone number: the one input of every messaging connector (the WhatsApp providers
 * and SMS), so a flow can change provider without changing what it sends.
 *
 * <pre>{"to": "(11) 98765-4321", "text": "Sua consulta foi confirmada",
 *  "template": {"name": "lembrete_consulta", "language": "pt_BR", "parameters": ["Maria", "12/05 às 14h"]}}</pre>
 *
 * {@code to} may be written in any form {@link PhoneNumbers} reads (national, international, {@code whatsapp:},
 * JID); each connector formats it the way its vendor wants. {@code template} is optional and may also be just its
 * name; {@code locale} ({@code pt-BR}, as {@code POST /api/send-message} carries it) is the template's language when
 * the template names none. Other fields are ignored, so a send-message request can be passed on as it is. Endpoints
 * read it with {@link FlowBodies} (the record, a Map or JSON text).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PhoneMessage(String to, String text, Template template, String locale) {

    /** Brazilian clinics write in Portuguese: the template language when nothing else says. */
    public static final String DEFAULT_LANGUAGE = "pt_BR";

    /**
     * A pre-approved template (WhatsApp requires one outside the 24-hour window).
     *
     * @param name the template's name at the provider (Meta: {@code lembrete_consulta}; Twilio: the Content SID)
     * @param language e.g. {@code pt_BR}; null means the message's locale, else {@link #DEFAULT_LANGUAGE}
     * @param parameters the body's placeholders {@code {{1}}, {{2}}, …} in order
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Template(String name, String language, List<String> parameters) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Template {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }

        /** {@code "template": "lembrete_consulta"}: a template given by name only. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Template named(String name) {
            return new Template(name, null, List.of());
        }
    }

    /**
     * {@code to} in E.164 ({@code +5511987654321}).
     *
     * @throws IllegalArgumentException when it is missing or not a valid phone number: a mapping error, which no
     *     retry can fix, so the event goes to the dead-letter queue at once
     */
    public String e164() {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("the message has no 'to' phone number");
        }
        // a mistyped number is still personal data, and the masker only recognises valid ones: describe, never quote
        return PhoneNumbers.toE164(to).orElseThrow(() -> new IllegalArgumentException(
                "the message's 'to' is not a valid phone number (" + to.strip().length() + " characters, "
                        + to.chars().filter(Character::isDigit).count() + " digits)"));
    }

    /** {@code to} as digits with the country code and no {@code +} ({@code 5511987654321}). */
    public String digits() {
        return e164().substring(1);
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }

    public boolean hasTemplate() {
        return template != null && template.name() != null && !template.name().isBlank();
    }

    /**
     * The text, for providers that send free text only (the WhatsApp Web gateways have no templates).
     *
     * @throws IllegalArgumentException when the message has none
     */
    public String requireText(String provider) {
        if (!hasText()) {
            throw new IllegalArgumentException(provider + " sends free text only, and the message has no 'text'"
                    + (hasTemplate() ? " (templates need the Meta or Twilio provider)" : ""));
        }
        return text;
    }

    /** @throws IllegalArgumentException when the message has neither a text nor a template: nothing to send */
    public void requireTextOrTemplate() {
        if (!hasText() && !hasTemplate()) {
            throw new IllegalArgumentException("the message has neither 'text' nor a 'template'");
        }
    }

    /** The template's language as WhatsApp writes it ({@code pt_BR}): its own, else the locale, else Portuguese. */
    public String templateLanguage() {
        String language = template != null && template.language() != null && !template.language().isBlank()
                ? template.language() : locale;
        return language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.strip().replace('-', '_');
    }

    /** The template's parameters (none when there is no template). */
    public List<String> templateParameters() {
        return template == null ? List.of() : template.parameters();
    }

    @Override
    public String toString() {
        // records print every field; this one would print a phone number and a patient's message into logs
        String phone = to == null ? "null"
                : PhoneNumbers.toE164(to).map(PersonalDataMasker::maskText).orElse("(not a phone number)");
        return "PhoneMessage[to=" + phone + ", text="
                + (text == null ? "null" : text.length() + " chars") + ", template="
                + (template == null ? "null" : template.name()) + "]";
    }
}
