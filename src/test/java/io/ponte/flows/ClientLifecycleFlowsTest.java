package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.conformance.OpenApiContract;
import io.ponte.conformance.VendorSpecs;
import io.ponte.connector.support.Signing;
import io.ponte.schedule.ScheduledMessages;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The client's life in seed 004, as the business's own systems post it (signed {@code X-Signature-256}): a client
 * registered is welcomed by e-mail and WhatsApp and set up in finance (routes/crm-client-registered-welcome); a
 * service completed is announced at once and followed, two hours later on Ponte's clock, by a feedback request by
 * WhatsApp and e-mail (routes/operacao-service-completed-feedback); the feedback is recorded in the CRM
 * (routes/cuidadores-feedback-to-crm); a payout is a note on the person in Twenty (routes/financeiro-events-to-crm).
 */
class ClientLifecycleFlowsTest extends FlowsIntegrationTest {

    static final String WHATSAPP = "/message/sendText/clinica";

    @Autowired
    ScheduledMessages scheduled;

    @BeforeEach
    void systemsAnswer() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        systems.stubFor(post(urlEqualTo(WHATSAPP)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(resource("/connector/evolution/send-text-201.json"))));
        systems.stubFor(post(urlEqualTo("/api/clients")).willReturn(okJson("{\"id\":\"fin-cli-7781\"}")));
        systems.stubFor(post(urlEqualTo("/api/services-performed")).willReturn(okJson("{\"id\":\"inv-42\"}")));
        systems.stubFor(post(urlEqualTo("/api/history")).willReturn(okJson("{\"id\":\"h-42\"}")));
        systems.stubFor(post(urlEqualTo("/api/feedback")).willReturn(okJson("{\"id\":\"fb-42\"}")));
    }

    @Test
    void aRegisteredClientIsWelcomedAndSetUpInFinance() throws Exception {
        awaitDone(postSystem("/webhooks/crm/client-registered", CRM_SECRET, "crm-client-registered.json"));

        MimeMessage welcome = onlyMailTo("ana.ferreira@example.com");
        assertThat(welcome.getSubject()).isEqualTo("Bem-vindo(a), Ana Paula Ferreira!");
        assertThat(body(only(received("POST", WHATSAPP))).path("text").asText()).isEqualTo("Olá Ana Paula Ferreira! "
                + "Seja bem-vindo(a)! Seu cadastro foi concluído. Qualquer dúvida, é só chamar por aqui.");
        LoggedRequest finance = only(received("POST", "/api/clients"));
        assertThat(body(finance).path("client_id").asText()).isEqualTo("cli-7781");
        assertThat(body(finance).path("plan").asText()).isEqualTo("Cuidado Domiciliar Mensal");
        received("POST", WHATSAPP).forEach(VendorSpecs.evolution()::assertConforms);
        assertThat(finance.getHeader("X-Signature-256"))
                .isEqualTo(Signing.hmacSha256Header(FINANCEIRO_SECRET, finance.getBody()));

        assertRepeatChangesNothing("/webhooks/crm/client-registered", CRM_SECRET, "crm-client-registered.json");
        assertThat(mailsTo("ana.ferreira@example.com")).as("no second welcome e-mail").hasSize(1);
    }

    @Test
    void aCompletedServiceIsAnnouncedAtOnceAndFeedbackIsAskedTwoHoursLaterOnceOnly() throws Exception {
        jdbc.update("DELETE FROM scheduled_messages WHERE recipient IN ('+5521998765432', 'ana.ferreira@example.com')");
        Instant before = Instant.now();
        String eventId = postSystem("/webhooks/operacao/service-completed", OPERACAO_SECRET,
                "operacao-service-completed.json");
        awaitDone(eventId);
        Instant after = Instant.now();

        await().atMost(Duration.ofSeconds(20)).until(() -> !received("POST", WHATSAPP).isEmpty());
        assertThat(body(only(received("POST", WHATSAPP))).path("text").asText()).isEqualTo("Olá Ana Paula Ferreira! "
                + "Seu atendimento (curativo domiciliar) foi concluído. Obrigado pela confiança!");
        List<Map<String, Object>> later = feedbackRequests();
        assertThat(later).extracting(r -> r.get("channel") + " " + r.get("recipient") + " " + r.get("status"))
                .containsExactlyInAnyOrder("whatsapp +5521998765432 PENDING", "email ana.ferreira@example.com PENDING");
        later.forEach(r -> assertThat(((Timestamp) r.get("due_at")).toInstant())
                .isBetween(before.plus(Duration.ofHours(2)), after.plus(Duration.ofHours(2))));

        assertThat(webhooks.api("POST", "/api/events/" + eventId + "/retry", "test-admin-key").statusCode())
                .isEqualTo(202);
        awaitDone(eventId);
        assertThat(feedbackRequests()).as("a replayed flow schedules nothing twice").hasSize(2);
        var again = webhooks.postSigned("/webhooks/operacao/service-completed", OPERACAO_SECRET,
                FlowFixtures.read("operacao-service-completed.json").strip());
        assertThat(read(again.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(feedbackRequests()).as("nor does a repeated webhook").hasSize(2);

        // other tests' messages in this shared database are not this test's business: only Ana's can fall due
        jdbc.update("UPDATE scheduled_messages SET status = 'CANCELLED' WHERE status = 'PENDING' "
                + "AND recipient NOT IN ('+5521998765432', 'ana.ferreira@example.com')");
        scheduled.dispatchDue(100, after.plus(Duration.ofMinutes(119)));
        assertThat(feedbackRequests()).extracting(r -> r.get("status")).containsOnly("PENDING");

        systems.resetRequests();
        scheduled.dispatchDue(100, after.plus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !received("POST", WHATSAPP).isEmpty());
        assertThat(body(only(received("POST", WHATSAPP))).path("text").asText()).isEqualTo("Olá Ana Paula Ferreira! "
                + "Como foi seu atendimento (curativo domiciliar)? Responda com uma nota de 1 a 5. Sua opinião é "
                + "muito importante!");
        assertThat(onlyMailTo("ana.ferreira@example.com").getSubject()).isEqualTo("Como foi seu atendimento?");
        assertThat(feedbackRequests()).extracting(r -> r.get("status")).containsOnly("SENT");
    }

    @Test
    void feedbackIsRecordedInTheCrm() {
        String feedback = FlowFixtures.read("cuidadores-feedback.json");
        awaitDone(postSystem("/webhooks/cuidadores/feedback", CUIDADORES_SECRET, "cuidadores-feedback.json"));
        JsonNode recorded = body(only(received("POST", "/api/feedback")));
        assertThat(recorded).isEqualTo(read(feedback));
        assertRepeatChangesNothing("/webhooks/cuidadores/feedback", CUIDADORES_SECRET, "cuidadores-feedback.json");
    }

    @Test
    void aPayoutIsANoteOnThePersonInTwenty() {
        systems.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(okJson(FlowFixtures.read(
                "twenty-people-maria.json"))));
        systems.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(FlowFixtures.read(
                "twenty-opportunities-none.json"))));
        systems.stubFor(post(urlPathEqualTo("/rest/notes")).willReturn(okJson(
                resource("/connector/twenty/note-created.json"))));
        systems.stubFor(post(urlPathEqualTo("/rest/noteTargets")).willReturn(okJson(
                resource("/connector/twenty/note-target-created.json"))));

        awaitDone(postSystem("/webhooks/financeiro/payout", FINANCEIRO_SECRET, "financeiro-payout.json"));

        JsonNode note = body(only(received("POST", "/rest/notes")));
        assertThat(note.path("title").asText()).isEqualTo("Repasse");
        assertThat(note.at("/bodyV2/markdown").asText()).isEqualTo("Repasse registrado pelo financeiro: R$ 1200.5 "
                + "(forma: pix, período: 2030-03, evento: payout-20300331-9)");
        assertThat(received("POST", "/rest/noteTargets")).extracting(r -> body(r).path("personId").asText())
                .containsExactly("6d0b9f4e-2a7c-4e13-b5d8-1f3a6c9e2b70");
        assertThat(received("POST", "/rest/opportunities")).as("a payout opens no lead").isEmpty();
        OpenApiContract twenty = OpenApiContract.forSpec("twenty.yaml", "/rest");
        received().stream().filter(r -> r.getUrl().startsWith("/rest/")).forEach(twenty::assertConforms);
        assertRepeatChangesNothing("/webhooks/financeiro/payout", FINANCEIRO_SECRET, "financeiro-payout.json");
    }

    /** The same webhook again is answered "duplicate" and reaches no system. */
    private void assertRepeatChangesNothing(String path, String secret, String fixture) {
        systems.resetRequests();
        var again = webhooks.postSigned(path, secret, FlowFixtures.read(fixture).strip());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(read(again.body()).path("status").asText()).isEqualTo("duplicate");
        journal.flush(5_000);
        assertThat(received()).as("a repeated %s reaches no system", path).isEmpty();
    }

    private List<Map<String, Object>> feedbackRequests() {
        return jdbc.queryForList("SELECT channel, recipient, status, due_at FROM scheduled_messages "
                + "WHERE recipient IN ('+5521998765432', 'ana.ferreira@example.com') AND template = 'pesquisa_feedback'");
    }

    private String postSystem(String path, String secret, String fixture) {
        var r = webhooks.postSigned(path, secret, FlowFixtures.read(fixture).strip());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return read(r.body()).path("event_id").asText();
    }

    private static MimeMessage onlyMailTo(String address) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(address).size() >= 1);
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
