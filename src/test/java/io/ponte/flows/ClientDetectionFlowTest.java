package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ponte.flows.ContactSyncFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.contact.ContactDirectory;
import io.ponte.contact.ContactDirectory.Facts;
import io.ponte.support.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Client detection (seed 003, route chatwoot-message-client-detection): an incoming Chatwoot message from a known
 * client's phone links the Chatwoot contact and writes the client's facts to its custom attributes; unknown people
 * are left alone while ponte.chatwoot.create-unknown-clients is off (the default).
 */
class ClientDetectionFlowTest extends FlowsTestSupport {

    @Autowired
    ContactDirectory contacts;

    @Test
    void aKnownClientWritingFromAnotherPhoneFormatGetsTheirFactsInChatwoot() {
        // a client Ponte knows from the scheduler, phone written the Brazilian way
        UUID renata = contacts.upsert(new Facts("Renata Alves", null, "(21) 99876-5432", null, "calcom", "att-5521"))
                .contact().id();
        Instant next = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        appointment(renata, Instant.now().minus(40, ChronoUnit.DAYS), "DONE");
        appointment(renata, Instant.now().minus(10, ChronoUnit.DAYS), "CANCELLED");
        appointment(renata, Instant.now().minus(5, ChronoUnit.DAYS), "SCHEDULED");
        appointment(renata, next, "SCHEDULED");
        chatwoot.stubFor(put(urlPathEqualTo(ACCOUNT + "/contacts/71")).willReturn(json("chatwoot-contact-42-updated.json")));

        awaitDone(postChatwoot("chatwoot-message-known-client.json"));

        List<LoggedRequest> toChatwoot = received(chatwoot);
        assertThat(toChatwoot).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("PUT " + ACCOUNT + "/contacts/71");
        JsonNode attributes = Json.read(toChatwoot.get(0).getBodyAsString()).path("custom_attributes");
        assertThat(attributes.path("ponte_contact_id").asText()).isEqualTo(renata.toString());
        assertThat(attributes.path("appointments_count").asInt()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(attributes.path("next_appointment").asText()).toInstant()).isEqualTo(next);
        assertThat(attributes.path("next_appointment").asText())
                .endsWith(next.atZone(ZoneId.of("America/Sao_Paulo")).getOffset().getId());
        assertThat(contacts.byId(renata).orElseThrow().links()).containsEntry("chatwoot", "71");
    }

    @Test
    void anUnknownPersonIsNotCreatedWhileTheSwitchIsOff() {
        awaitDone(postChatwoot("chatwoot-message-unknown.json"));
        assertThat(received(chatwoot)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contacts WHERE phone_e164 = '+5511976540000'",
                Integer.class)).isZero();
    }

    @Test
    void anAgentsOwnMessageIsNoClientWriting() {
        awaitDone(postChatwoot("chatwoot-message-outgoing.json"));
        assertThat(received(chatwoot)).isEmpty();
    }

    private void appointment(UUID contact, Instant startsAt, String status) {
        jdbc.update("""
                INSERT INTO appointments (id, contact_id, system, external_id, title, starts_at, status)
                VALUES (?, ?, 'calcom', ?, 'Consulta', ?, ?)""", UUID.randomUUID(), contact,
                UUID.randomUUID().toString(), Timestamp.from(startsAt), status);
    }
}
