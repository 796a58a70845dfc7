package io.ponte.connector.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.connector.support.FlowBodies;
import io.ponte.connector.support.MessageTemplates;
import io.ponte.engine.Deliveries;
import io.ponte.engine.EventStore.CompletedDelivery;
import io.ponte.engine.Failure;
import io.ponte.engine.Ponte;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailEndpoint;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * {@code direct:mail-send}: one e-mail, rendered from the integrator's templates and sent by SMTP
 * ({@code ponte.mail}) with camel-mail, as a delivery {@code mail/send} of the flow's event.
 *
 * <p>Input (the body: a {@link MailRequest}, a Map or JSON text): {@code {"to", "subject"?, "template", "data": {...},
 * "locale": "pt-BR", "ics"?: {"uid", "start", "end", "summary", "location", "organizerEmail", "attendeeEmail"}}}, or
 * {@code text} instead of {@code template} for a plain message. The template's
 * {@code templates/<locale>/<template>.html.mustache} and {@code .txt.mustache} become a multipart/alternative
 * message, {@code .subject.mustache} its subject (unless {@code subject} is given); a locale without the template
 * falls back to pt-BR. With {@code ics}, an invitation {@code convite.ics} ({@code text/calendar; method=REQUEST}) is
 * attached.
 *
 * <p>Output: the headers {@code PonteDeliveryId}, {@code PonteDeliveryStatus} (SENT or SKIPPED) and
 * {@code PonteExternalId} (the Message-ID), and the body {@code {"messageId": "<…>"}} (null for a dry run).
 *
 * <p>SMTP is not HTTP, so this route keeps the delivery record itself, the way {@code direct:ponte-deliver} does for
 * HTTP: a delivery that already succeeded is not sent again; with no {@code ponte.mail.host} the rendered message is
 * recorded as a SKIPPED dry run; failures are recorded and retried by the shared error handler. Retried: a server
 * that cannot be reached (connection refused, timeouts) and SMTP 4xx replies (greylisting, "try again later");
 * not retried: 5xx replies such as a rejected recipient, and bad input. The message carries
 * {@code X-Ponte-Delivery-Id}, and its Message-ID is derived from the delivery id, so a repeat after a crash is
 * recognisably the same message.
 */
public class MailRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:mail-send";
    static final String TARGET = "mail";
    static final String ACTION = "send";

    private static final String COMPOSED = "ponteMailComposed";
    private static final String MESSAGE = "ponteMailMessage";
    private static final String SEND = "ponteMailSend";
    private static final String OUTCOME = "ponteMailOutcome";
    private static final String SAVED_HEADERS = "ponteMailSavedHeaders";
    /** The SMTP reply to an accepted message; recorded where an HTTP delivery records its status code. */
    private static final int SMTP_OK = 250;
    private static final int MAX_SUBJECT_FROM_TEXT = 78;
    /** Builds messages only; the endpoint's own session sends them. */
    private static final Session SESSION = Session.getInstance(new Properties());

    private final MailProperties properties;
    private final MessageTemplates templates;
    private final Deliveries deliveries;
    private final ObjectMapper json;
    private final ProducerTemplate producer;
    private final ZoneId zone;
    private MailEndpoint smtp;

    public MailRoutes(MailProperties properties, MessageTemplates templates, Deliveries deliveries, ObjectMapper json,
            ProducerTemplate producer, ZoneId zone) {
        this.properties = properties;
        this.templates = templates;
        this.deliveries = deliveries;
        this.json = json;
        this.producer = producer;
        this.zone = zone;
    }

    /** The message as rendered, before it has a delivery id. */
    record Composed(InternetAddress[] to, InternetAddress from, String subject, String text, String html,
            String template, String locale, CalendarInvitation invitation) {}

    /** What the flow gets back. */
    private record Outcome(UUID deliveryId, String status, String externalId, String response) {}

    @Override
    public void configure() {
        if (properties.configured()) {
            smtp = getContext().getEndpoint(properties.endpointUri(), MailEndpoint.class);
            smtp.getConfiguration().setPassword(properties.password());
        }
        from(ENDPOINT).routeId("mail-send")
                .description("Sends one e-mail {to, subject?, template, data, locale?, ics?} rendered from "
                        + "templates/<locale>/<template>.{html,txt,subject}.mustache by SMTP (ponte.mail), as a "
                        + "recorded, retried delivery; a dry run while ponte.mail.host is not set")
                .process(this::compose).id("mail-compose")
                .process(this::open).id("mail-open-delivery")
                .filter(exchangeProperty(SEND))
                    .process(this::send).id("mail-send-smtp")
                    .process(this::recordSent).id("mail-record-sent")
                .end()
                .process(this::finish).id("mail-finish");
    }

    private void compose(Exchange exchange) {
        MailRequest request = FlowBodies.read(exchange, MailRequest.class, json, ENDPOINT);
        exchange.setProperty(COMPOSED, compose(request, exchange.getProperty(Ponte.EVENT_ID, UUID.class)));
    }

    Composed compose(MailRequest request, UUID eventId) {
        InternetAddress[] to = recipients(request.to());
        InternetAddress from = properties.configured() ? properties.sender() : senderIfGiven();
        String text;
        String html;
        String subject = blankToNull(request.subject());
        String template = blankToNull(request.template());
        String locale = null;
        if (template != null) {
            MessageTemplates.Rendered rendered = templates.render(template, request.locale(),
                    request.data() == null ? Map.of() : request.data());
            locale = rendered.locale();
            text = rendered.variant("txt").orElse(null);
            html = rendered.variant("html").orElse(null);
            if (text == null && html == null) {
                throw new IllegalArgumentException("template " + locale + "/" + template
                        + " has neither .html.mustache nor .txt.mustache");
            }
            if (subject == null) {
                subject = rendered.variant("subject").map(MailRoutes::oneLine).filter(s -> !s.isEmpty())
                        .orElseThrow(() -> new IllegalArgumentException("no subject: give 'subject' or add "
                                + rendered.locale() + "/" + template + ".subject.mustache"));
            }
        } else {
            text = blankToNull(request.text());
            html = null;
            if (text == null) {
                throw new IllegalArgumentException(ENDPOINT + " needs 'template' (or 'text')");
            }
            if (subject == null) {
                subject = subjectFromText(text);
            }
        }
        CalendarInvitation invitation = null;
        if (request.ics() != null) {
            MailRequest.Invitation ics = request.ics();
            InternetAddress organizer = ics.organizerEmail() == null || ics.organizerEmail().isBlank() ? from
                    : address("ics.organizerEmail", ics.organizerEmail());
            InternetAddress attendee = ics.attendeeEmail() == null || ics.attendeeEmail().isBlank() ? to[0]
                    : address("ics.attendeeEmail", ics.attendeeEmail());
            invitation = CalendarInvitation.of(ics, "ponte-" + eventId + "@" + domain(from),
                    person(organizer), person(attendee), zone);
        }
        return new Composed(to, from, subject, text, html, template, locale, invitation);
    }

    private void open(Exchange exchange) throws MessagingException {
        Composed mail = exchange.getProperty(COMPOSED, Composed.class);
        exchange.setProperty(SAVED_HEADERS, new HashMap<>(exchange.getIn().getHeaders()));
        exchange.setProperty(SEND, false);
        Optional<CompletedDelivery> done = deliveries.open(exchange, TARGET, ACTION, recordable(mail));
        Deliveries.Current current = Deliveries.current(exchange);
        if (done.isPresent()) {
            CompletedDelivery d = done.get();
            exchange.setProperty(OUTCOME, new Outcome(d.id(), d.status().name(), d.externalId(), d.response()));
            exchange.removeProperty(Ponte.CURRENT_DELIVERY);
            return;
        }
        if (!properties.configured()) {
            deliveries.skipped(exchange, "mail is not configured (no ponte.mail.host): dry run");
            exchange.setProperty(OUTCOME, new Outcome(current.id, "SKIPPED", null, null));
            return;
        }
        exchange.setProperty(MESSAGE, mimeMessage(mail, current.id, Instant.now()));
        exchange.setProperty(SEND, true);
        deliveries.attemptStarting(exchange);
    }

    /**
     * Sends through the camel-mail endpoint and turns its failure into one the shared error handler classifies
     * right: an SMTP 4xx reply is temporary by definition (RFC 5321 §4.2.1) but is not an I/O error.
     */
    private void send(Exchange exchange) throws Exception {
        exchange.getIn().setBody(exchange.getProperty(MESSAGE, MimeMessage.class));
        producer.send(smtp, exchange);
        Exception error = exchange.getException();
        if (error != null) {
            exchange.setException(null);
            throw classify(error);
        }
    }

    static Exception classify(Exception error) {
        List<Integer> replies = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPAddressFailedException a) {
                replies.add(a.getReturnCode());
            } else if (t instanceof SMTPSenderFailedException s) {
                replies.add(s.getReturnCode());
            } else if (t instanceof SMTPSendFailedException s) {
                replies.add(s.getReturnCode());
            }
        }
        boolean temporary = !replies.isEmpty() && replies.stream().allMatch(code -> code >= 400 && code < 500);
        if (temporary) {
            return new Failure.RetryableException("SMTP " + replies.get(replies.size() - 1) + ", try again later: "
                    + error.getMessage(), null);
        }
        return error; // connect failures are I/O errors (retried); 5xx replies and bad input are final
    }

    private void recordSent(Exchange exchange) throws MessagingException {
        MimeMessage message = exchange.getProperty(MESSAGE, MimeMessage.class);
        UUID deliveryId = Deliveries.current(exchange).id;
        String messageId = message.getMessageID();
        String response = json.createObjectNode().put("messageId", messageId).toString();
        deliveries.sent(exchange, SMTP_OK, messageId, response);
        exchange.setProperty(OUTCOME, new Outcome(deliveryId, "SENT", messageId, response));
    }

    /** The flow gets its own headers back, plus what the delivery produced. */
    @SuppressWarnings("unchecked")
    private void finish(Exchange exchange) {
        Outcome outcome = exchange.getProperty(OUTCOME, Outcome.class);
        Map<String, Object> saved = exchange.getProperty(SAVED_HEADERS, Map.class);
        var in = exchange.getIn();
        in.getHeaders().clear();
        if (saved != null) {
            in.getHeaders().putAll(saved);
        }
        in.setHeader(Ponte.HEADER_DELIVERY_ID, outcome.deliveryId().toString());
        in.setHeader(Ponte.HEADER_DELIVERY_STATUS, outcome.status());
        if (outcome.externalId() != null) {
            in.setHeader(Ponte.HEADER_EXTERNAL_ID, outcome.externalId());
        } else {
            in.removeHeader(Ponte.HEADER_EXTERNAL_ID);
        }
        in.removeHeader(Ponte.HEADER_HTTP_STATUS);
        in.setBody(outcome.response());
        for (String property : new String[] {COMPOSED, MESSAGE, SEND, OUTCOME, SAVED_HEADERS}) {
            exchange.removeProperty(property);
        }
    }

    /**
     * multipart/mixed [ multipart/alternative [ text/plain, text/html ], text/calendar convite.ics ] — the parts
     * present, nested only as deep as needed.
     */
    MimeMessage mimeMessage(Composed mail, UUID deliveryId, Instant now) throws MessagingException {
        MimeMessage message = new StableIdMessage(SESSION, "<" + deliveryId + "@" + domain(mail.from()) + ">");
        message.setFrom(mail.from());
        message.setRecipients(Message.RecipientType.TO, mail.to());
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setHeader(Ponte.DELIVERY_ID_HTTP_HEADER, deliveryId.toString());
        String single = mail.text() != null ? mail.text() : mail.html();
        String subtype = mail.text() != null ? "plain" : "html";
        MimeMultipart alternative = null;
        if (mail.text() != null && mail.html() != null) {
            alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(mail.text(), "plain"));
            alternative.addBodyPart(textPart(mail.html(), "html"));
        }
        if (mail.invitation() == null) {
            if (alternative != null) {
                message.setContent(alternative);
            } else {
                message.setText(single, StandardCharsets.UTF_8.name(), subtype);
            }
            return message;
        }
        MimeBodyPart body;
        if (alternative != null) {
            body = new MimeBodyPart();
            body.setContent(alternative);
        } else {
            body = textPart(single, subtype);
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(invitationPart(mail.invitation(), now));
        message.setContent(mixed);
        return message;
    }

    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    private static MimeBodyPart invitationPart(CalendarInvitation invitation, Instant now) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(
                invitation.toIcs(now).getBytes(StandardCharsets.UTF_8), CalendarInvitation.MEDIA_TYPE)));
        part.setFileName(CalendarInvitation.FILE_NAME);
        part.setDisposition(Part.ATTACHMENT);
        part.setHeader("Content-Type", CalendarInvitation.MEDIA_TYPE + "; name=" + CalendarInvitation.FILE_NAME);
        return part;
    }

    /** The message as recorded for dry runs and failures: what the recipient would read, without the HTML. */
    private String recordable(Composed mail) {
        ObjectNode node = json.createObjectNode();
        node.put("to", InternetAddress.toUnicodeString(mail.to()));
        node.put("from", mail.from() == null ? null : mail.from().toUnicodeString());
        node.put("subject", mail.subject());
        if (mail.template() != null) {
            node.put("template", mail.template());
            node.put("locale", mail.locale());
        }
        node.put("text", mail.text());
        if (mail.text() == null) {
            node.put("html", mail.html());
        }
        if (mail.invitation() != null) {
            ObjectNode ics = node.putObject("ics");
            ics.put("file", CalendarInvitation.FILE_NAME);
            ics.put("uid", mail.invitation().uid());
            ics.put("start", mail.invitation().start().toString());
            ics.put("end", mail.invitation().end().toString());
        }
        return node.toString();
    }

    private InternetAddress senderIfGiven() {
        try {
            return properties.sender();
        } catch (IllegalStateException notGiven) {
            return null; // a dry run needs no sender
        }
    }

    private static InternetAddress[] recipients(String to) {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException(ENDPOINT + " needs 'to' (an e-mail address)");
        }
        try {
            InternetAddress[] addresses = InternetAddress.parse(to.strip(), true);
            if (addresses.length == 0) {
                throw new IllegalArgumentException(ENDPOINT + " needs 'to' (an e-mail address)");
            }
            for (InternetAddress address : addresses) {
                address.validate();
            }
            return addresses;
        } catch (AddressException e) {
            throw new IllegalArgumentException("'to' is not an e-mail address (" + e.getClass().getSimpleName()
                    + " at position " + e.getPos() + ")");
        }
    }

    private static InternetAddress address(String field, String value) {
        try {
            InternetAddress address = new InternetAddress(value.strip(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + field + "' is not an e-mail address");
        }
    }

    private static CalendarInvitation.Person person(InternetAddress address) {
        return address == null ? null : new CalendarInvitation.Person(address.getAddress(), address.getPersonal());
    }

    private static String domain(InternetAddress address) {
        String email = address == null ? null : address.getAddress();
        int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? "ponte.local" : email.substring(at + 1);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** A plain message without a subject is titled by its first line, cut at a word where it is long. */
    private static String subjectFromText(String text) {
        String first = oneLine(text.strip().lines().findFirst().orElse(""));
        if (first.length() <= MAX_SUBJECT_FROM_TEXT) {
            return first;
        }
        int cut = first.lastIndexOf(' ', MAX_SUBJECT_FROM_TEXT - 1);
        return first.substring(0, cut > 20 ? cut : MAX_SUBJECT_FROM_TEXT - 1) + "…";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Keeps the Message-ID it was given: JavaMail would otherwise invent a new one at every save. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
