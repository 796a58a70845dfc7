package io.ponte.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.contact.PhoneNumbers;
import io.ponte.intake.WebhookSource.BodyFormat;
import io.ponte.intake.WebhookSource.Parsed;
import io.ponte.intake.auth.HmacSignature;
import io.ponte.intake.auth.OmnichannelSecret;
import io.ponte.intake.auth.TwilioSignature;
import io.ponte.intake.auth.UrlToken;
import io.ponte.intake.auth.AnyOf;
import io.ponte.intake.auth.SignatureOrToken;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Every sender Ponte takes webhooks from (contract §3), each described once as a {@link WebhookSource}. Secrets
 * are read from each vendor's own configuration tree ({@code ponte.<vendor>.webhook-secret} …) so intake shares
 * the keys the connectors use without depending on them.
 */
public final class WebhookSources {

    /** The business's own systems and their webhooks: path suffix → event type. */
    static final Map<String, Map<String, String>> SYSTEM_EVENTS = Map.of(
            "site", Map.of("lead", "lead.created"),
            "crm", Map.of("client-registered", "client.registered"),
            "operacao", Map.of("service-completed", "service.completed"),
            "financeiro", Map.of("payment", "payment.received", "payout", "payout.created"),
            "cuidadores", Map.of("feedback", "feedback.received"));

    private WebhookSources() {}

    public static List<WebhookSource> all(Environment env, Clock clock, java.time.Duration maxSignatureAge) {
        Binder binder = Binder.get(env);
        Function<String, String> key = name -> binder.bind(name, String.class).orElse(null);
        List<WebhookSource> sources = new ArrayList<>();

        sources.add(new WebhookSource("omnichannel", List.of("/api/webhook"), BodyFormat.JSON,
                new OmnichannelSecret(key.apply("ponte.omnichannel.webhook-secret")),
                "type", p -> p.text("/type") == null ? "message" : p.text("/type"),
                p -> p.first("/message/id", "/event_id"),
                p -> contact(p.first("/contact/phone"), p.first("/contact/email"), p.first("/contact/cpf")),
                List.of("/contact", "/message", "/message/text")));

        sources.add(new WebhookSource("chatwoot", List.of("/webhooks/chatwoot", "/api/webhooks/chatwoot"),
                BodyFormat.JSON,
                new SignatureOrToken(HmacSignature.chatwoot(key.apply("ponte.chatwoot.webhook-secret"), clock)
                        .withMaxAge(maxSignatureAge).withSecretConfigKey("ponte.chatwoot.webhook-secret"),
                        !isBlank(key.apply("ponte.chatwoot.webhook-secret")),
                        new UrlToken(key.apply("ponte.chatwoot.webhook-token"))),
                "event", p -> p.text("/event"),
                p -> p.request().header("X-Chatwoot-Delivery"),
                p -> {
                    String type = p.text("/event");
                    String id = type != null && type.startsWith("contact_") ? p.text("/id")
                            : p.first("/conversation/contact_inbox/contact_id", "/contact_inbox/contact_id",
                                    "/meta/sender/id");
                    return id == null ? null : "chatwoot:contact:" + id;
                },
                List.of("/event")));

        sources.add(new WebhookSource("twenty", List.of("/webhooks/twenty"), BodyFormat.JSON,
                HmacSignature.twenty(key.apply("ponte.twenty.webhook-secret"), clock).withMaxAge(maxSignatureAge)
                        .withSecretConfigKey("ponte.twenty.webhook-secret"),
                "eventName", p -> p.text("/eventName"),
                WebhookSources::twentyEventId,
                p -> {
                    String type = p.text("/eventName");
                    String id = type != null && type.startsWith("person.")
                            ? p.first("/record/id", "/items/0/record/id")
                            : p.first("/record/pointOfContactId", "/items/0/record/pointOfContactId");
                    return id == null ? null : "twenty:person:" + id;
                },
                List.of("/eventName")));

        sources.add(new WebhookSource("calcom", List.of("/webhooks/calcom"), BodyFormat.JSON,
                HmacSignature.calcom(key.apply("ponte.calcom.webhook-secret"))
                        .withSecretConfigKey("ponte.calcom.webhook-secret"),
                "triggerEvent", p -> p.text("/triggerEvent"),
                WebhookSources::calcomEventId,
                p -> email(p.first("/payload/attendees/0/email", "/attendees/0/email",
                        "/payload/responses/email/value")),
                List.of("/triggerEvent")));

        sources.add(new WebhookSource("kommo", List.of("/webhooks/kommo", "/webhook/kommo/events"), BodyFormat.FORM,
                new UrlToken(key.apply("ponte.kommo.webhook-token")),
                "leads|contacts|companies|task|message|talk",
                WebhookSources::kommoEventType,
                p -> null,
                p -> {
                    String lead = p.first("/leads/add/0/id", "/leads/update/0/id", "/leads/status/0/id",
                            "/leads/delete/0/id", "/leads/responsible/0/id", "/leads/restore/0/id",
                            "/message/add/0/element_id", "/note_lead/add/0/element_id");
                    if (lead == null && "2".equals(p.first("/task/add/0/element_type", "/task/update/0/element_type"))) {
                        lead = p.first("/task/add/0/element_id", "/task/update/0/element_id");
                    }
                    return lead == null ? null : "kommo:lead:" + lead;
                },
                List.of()));

        sources.add(new WebhookSource("zapi", List.of("/webhooks/whatsapp"), BodyFormat.JSON,
                new UrlToken(key.apply("ponte.zapi.webhook-token")),
                "type", p -> p.text("/type"),
                p -> {
                    String id = p.first("/messageId", "/ids/0");
                    return id == null ? null : p.text("/type") + ":" + id + ":" + p.first("/status", "/momment");
                },
                p -> Boolean.TRUE.equals(p.body().path("isGroup").asBoolean(false)) ? null : phone(p.text("/phone")),
                List.of("/type")));

        sources.add(new WebhookSource("evolution", List.of("/webhooks/evolution"), BodyFormat.JSON,
                AnyOf.evolutionJwtOrToken(key.apply("ponte.evolution.webhook-jwt-key"),
                        key.apply("ponte.evolution.webhook-token"), clock),
                "event", p -> p.text("/event"),
                p -> {
                    String id = p.text("/data/key/id");
                    return id == null ? null : p.text("/event") + ":" + id + ":" + p.first("/data/status");
                },
                p -> {
                    String jid = p.first("/data/key/remoteJidAlt", "/data/key/remoteJid", "/sender");
                    return jid == null ? null : jid.endsWith("@lid") ? "whatsapp:" + jid : phone(jid);
                },
                List.of("/event")));

        sources.add(new WebhookSource("twilio", List.of("/webhooks/twilio"), BodyFormat.FORM,
                new TwilioSignature(key.apply("ponte.twilio.auth-token")),
                "MessageSid", WebhookSources::twilioEventType,
                p -> {
                    String token = p.request().header("I-Twilio-Idempotency-Token");
                    if (token != null) {
                        return token;
                    }
                    String sid = p.first("/MessageSid", "/SmsSid");
                    return sid == null ? null : sid + ":" + p.first("/MessageStatus", "/SmsStatus");
                },
                p -> phone(p.text("/MessageStatus") != null && p.text("/Body") == null ? p.text("/To") : p.text("/From")),
                List.of("/MessageSid")));

        sources.add(new WebhookSource("meta-whatsapp", List.of("/webhooks/meta-whatsapp"), BodyFormat.JSON,
                HmacSignature.metaWhatsApp(key.apply("ponte.meta-whatsapp.app-secret"))
                        .withSecretConfigKey("ponte.meta-whatsapp.app-secret"),
                "object", WebhookSources::metaEventType,
                p -> {
                    String message = p.text("/entry/0/changes/0/value/messages/0/id");
                    if (message != null) {
                        return "message:" + message;
                    }
                    String status = p.text("/entry/0/changes/0/value/statuses/0/id");
                    return status == null ? null
                            : "status:" + status + ":" + p.text("/entry/0/changes/0/value/statuses/0/status");
                },
                p -> phone(p.first("/entry/0/changes/0/value/messages/0/from",
                        "/entry/0/changes/0/value/statuses/0/recipient_id")),
                List.of("/object", "/entry")));

        SYSTEM_EVENTS.forEach((system, events) -> events.forEach((suffix, type) -> sources.add(new WebhookSource(
                system, List.of("/webhooks/" + system + "/" + suffix), BodyFormat.JSON,
                HmacSignature.businessSystem(key.apply("ponte.systems." + system + ".webhook-secret"))
                        .withSecretConfigKey("ponte.systems." + system + ".webhook-secret"),
                null, p -> type,
                p -> {
                    String id = p.first("/event_id", "/eventId", "/idempotency_key");
                    if (id == null) {
                        id = p.request().header("Idempotency-Key");
                    }
                    if (id == null) {
                        id = p.request().header("X-Event-Id");
                    }
                    return id == null ? null : type + ":" + id;
                },
                p -> contact(
                        p.first("/phone", "/telefone", "/contact/phone", "/client/phone", "/cliente/telefone",
                                "/lead/phone", "/customer/phone"),
                        p.first("/email", "/contact/email", "/client/email", "/lead/email", "/customer/email"),
                        p.first("/cpf", "/contact/cpf", "/client/cpf", "/cliente/cpf")),
                List.of()))));
        return List.copyOf(sources);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Cal.com's webhooks carry no delivery id. A booking is created, requested, rejected, cancelled or rescheduled
     * (which makes a new uid) at most once, so for those the trigger and the booking's uid name the change — a key
     * a reconciliation poll of the bookings API derives the same way. Other triggers (no-show updates, meeting
     * start/end) can repeat for one booking and add the webhook's own time.
     */
    static String calcomEventId(Parsed p) {
        String uid = p.first("/payload/uid", "/uid");
        if (uid == null) {
            return null;
        }
        String trigger = p.text("/triggerEvent");
        return CALCOM_ONCE_PER_BOOKING.contains(trigger) ? trigger + ":" + uid
                : String.join(":", trigger, uid, String.valueOf(p.first("/createdAt", "/payload/createdAt",
                        "/updatedAt")));
    }

    private static final java.util.Set<String> CALCOM_ONCE_PER_BOOKING = java.util.Set.of("BOOKING_CREATED",
            "BOOKING_REQUESTED", "BOOKING_REJECTED", "BOOKING_CANCELLED", "BOOKING_RESCHEDULED");

    /**
     * Twenty's webhooks carry no delivery id, but each names a version of a record: the event, the record's id and
     * its {@code updatedAt} — a key a reconciliation poll of the REST API derives the same way. Without a record,
     * the body's hash.
     */
    static String twentyEventId(Parsed p) {
        String id = p.text("/record/id");
        String version = p.text("/record/updatedAt");
        return id == null || version == null ? null : String.join(":", p.text("/eventName"), id, version);
    }

    static String kommoEventType(Parsed p) {
        Iterator<Map.Entry<String, JsonNode>> fields = p.body().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entity = fields.next();
            if (entity.getKey().equals("account") || !entity.getValue().isObject()) {
                continue;
            }
            Iterator<String> actions = entity.getValue().fieldNames();
            if (actions.hasNext()) {
                return entity.getKey() + "." + actions.next();
            }
        }
        return null;
    }

    static String twilioEventType(Parsed p) {
        if (p.text("/MessageSid") == null) {
            return null;
        }
        String from = p.text("/From");
        boolean whatsapp = from != null && from.startsWith("whatsapp:")
                || "whatsapp".equals(p.text("/ChannelPrefix"));
        if (p.text("/MessageStatus") != null && p.text("/Body") == null) {
            return whatsapp ? "whatsapp.status" : "sms.status";
        }
        return whatsapp ? "whatsapp.message" : "sms.message";
    }

    static String metaEventType(Parsed p) {
        JsonNode value = p.body().at("/entry/0/changes/0/value");
        if (value.has("messages")) {
            return "message";
        }
        if (value.has("statuses")) {
            return "status";
        }
        String field = p.text("/entry/0/changes/0/field");
        return field != null ? field : p.text("/object");
    }

    static String contact(String phone, String email, String cpf) {
        String key = phone(phone);
        if (key == null) {
            key = email(email);
        }
        if (key == null && cpf != null) {
            String digits = cpf.replaceAll("\\D", "");
            key = digits.length() == 11 ? "cpf:" + digits : null;
        }
        return key;
    }

    static String phone(String raw) {
        return raw == null ? null : PhoneNumbers.toE164(raw).map(e164 -> "phone:" + e164).orElse(null);
    }

    static String email(String raw) {
        return raw == null || !raw.contains("@") ? null : "email:" + raw.trim().toLowerCase(Locale.ROOT);
    }
}
