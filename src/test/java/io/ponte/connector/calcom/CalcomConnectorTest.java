package io.ponte.connector.calcom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.support.Json;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** What Cal.com receives from each endpoint of the connector, and what the flow gets back. */
class CalcomConnectorTest extends CalcomTestSupport {

    private static final String UID = "hT3qX9bLk2mN8pR4sV6wYz";
    private static final String NEW_UID = "pQ7rT2vW9xY3zA5bC8dE1f";

    private static void assertAuthenticated(LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.getHeader("cal-api-version")).isEqualTo("2024-08-13");
        assertThat(request.getHeader("X-Ponte-Delivery-Id")).isNotBlank();
    }

    @Test
    void getBookingReadsTheBookingAndAnswersItUnwrapped() {
        calcom.stubFor(get("/v2/bookings/" + UID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("booking.json"))));

        Exchange done = call(CalcomConnectorRoutes.GET_BOOKING, Map.of("uid", UID));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = calcom.findAll(getRequestedFor(urlEqualTo("/v2/bookings/" + UID)));
        assertThat(sent).hasSize(1);
        assertAuthenticated(sent.get(0));
        JsonNode booking = Json.read(done.getMessage().getBody(String.class));
        assertThat(booking.path("uid").asText()).isEqualTo(UID);
        assertThat(booking.path("status").asText()).isEqualTo("accepted");
        assertThat(booking.path("attendees").path(0).path("phoneNumber").asText()).isEqualTo("+5511987654321");
        assertThat(booking.path("metadata").path(CalcomBookingLinks.CONTACT_ID_METADATA_KEY).asText())
                .isEqualTo("0196c1f2-7a3e-7c11-9b8e-3f5d2a1c4e77");
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo(UID);
        assertThat(done.getMessage().getHeader("PonteDeliveryStatus")).isEqualTo("SENT");
    }

    @Test
    void cancelBookingSendsTheReasonAndAnswersTheCancelledBooking() {
        calcom.stubFor(post("/v2/bookings/" + UID + "/cancel").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("booking-cancelled.json"))));

        Exchange done = call(CalcomConnectorRoutes.CANCEL_BOOKING,
                "{\"uid\":\"" + UID + "\",\"cancellationReason\":\"Paciente pediu para cancelar pelo WhatsApp\"}");

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = calcom.findAll(postRequestedFor(urlEqualTo("/v2/bookings/" + UID + "/cancel"))
                .withRequestBody(equalToJson("{\"cancellationReason\":\"Paciente pediu para cancelar pelo WhatsApp\"}"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(sent).hasSize(1);
        assertAuthenticated(sent.get(0));
        assertThat(Json.read(done.getMessage().getBody(String.class)).path("status").asText()).isEqualTo("cancelled");
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo(UID);
        assertThat(deliveries(done)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("action", "cancel-booking").containsEntry("status", "SENT")
                .containsEntry("http_status", 200).containsEntry("external_id", UID));
    }

    @Test
    void rescheduleBookingSendsTheNewStartInUtcAndAnswersTheNewBooking() {
        calcom.stubFor(post("/v2/bookings/" + UID + "/reschedule").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("booking-rescheduled.json"))));

        Exchange done = call(CalcomConnectorRoutes.RESCHEDULE_BOOKING, new CalcomReschedule(UID,
                OffsetDateTime.parse("2026-05-18T10:00:00-03:00"), "Conflito de agenda da paciente", null));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = calcom.findAll(postRequestedFor(urlEqualTo("/v2/bookings/" + UID + "/reschedule"))
                .withRequestBody(equalToJson("{\"start\":\"2026-05-18T13:00:00Z\","
                        + "\"reschedulingReason\":\"Conflito de agenda da paciente\"}")));
        assertThat(sent).hasSize(1);
        assertAuthenticated(sent.get(0));
        assertThat(Json.read(done.getMessage().getBody(String.class)).path("rescheduledFromUid").asText())
                .isEqualTo(UID);
        assertThat(done.getMessage().getHeader("PonteExternalId")).as("the new booking's uid").isEqualTo(NEW_UID);
    }

    @Test
    void aCancellationWithoutReasonFailsBeforeAnythingIsSent() {
        Exchange done = call(CalcomConnectorRoutes.CANCEL_BOOKING, Map.of("uid", UID));

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cancellationReason");
        assertThat(calcom.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aUidThatIsNotOneIsRefusedRatherThanSentAsAnotherPath() {
        Exchange done = call(CalcomConnectorRoutes.GET_BOOKING, Map.of("uid", "../me"));

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uid");
        assertThat(calcom.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void a422FromCalcomFailsAtOnceWithoutRetry() {
        calcom.stubFor(post("/v2/bookings/" + UID + "/reschedule").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-422.json"))));

        Exchange done = call(CalcomConnectorRoutes.RESCHEDULE_BOOKING,
                Map.of("uid", UID, "start", "2026-05-18T13:00:00Z"));

        assertThat(done.getException()).isNotNull();
        assertThat(calcom.findAll(anyRequestedFor(anyUrl()))).as("not retried").hasSize(1);
        assertThat(deliveries(done)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "DEAD").containsEntry("attempts", 1).containsEntry("http_status", 422));
    }

    @Test
    void theBookingLinkIsThePrefilledPageWithTheContactIdInTheMetadata() {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = producer.requestBody(CalcomConnectorRoutes.BOOKING_LINK, Map.of(
                "name", "Maria Souza", "email", "maria.souza@example.com", "phone", "+5511987654321",
                "contactId", "0196c1f2-7a3e-7c11-9b8e-3f5d2a1c4e77"), Map.class);

        assertThat(answer).containsExactly(Map.entry("url", BOOKING_PAGE
                + "?name=Maria%20Souza&email=maria.souza%40example.com&attendeePhoneNumber=%2B5511987654321"
                + "&metadata%5BponteContactId%5D=0196c1f2-7a3e-7c11-9b8e-3f5d2a1c4e77"));
        assertThat(calcom.findAll(anyRequestedFor(anyUrl()))).as("no HTTP call").isEmpty();
    }

    @Test
    void theBookingLinkApiAnswersTheLinkOfAStoredContact() {
        String contact = producer.requestBody("direct:contact-upsert", Map.of("name", "João Gonçalves",
                "email", "joao.goncalves@example.com.br", "phone", "(21) 99876-5432"), String.class);
        String contactId = Json.read(contact).path("id").asText();

        var response = webhooks.api("GET", "/booking-link/" + contactId, "test-auditor-key");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.read(response.body()).path("url").asText()).isEqualTo(BOOKING_PAGE
                + "?name=Jo%C3%A3o%20Gon%C3%A7alves&email=joao.goncalves%40example.com.br"
                + "&attendeePhoneNumber=%2B5521998765432&metadata%5BponteContactId%5D=" + contactId);
    }

    @Test
    void aFlowCanPassTheLinkRequestAsJsonText() {
        String url = producer.requestBody(CalcomConnectorRoutes.BOOKING_LINK,
                "{\"name\":\"Maria Souza\",\"contactId\":\"c-1\"}", Map.class).get("url").toString();
        assertThat(url).isEqualTo(BOOKING_PAGE + "?name=Maria%20Souza&metadata%5BponteContactId%5D=c-1");
    }

    @Test
    void aBodyThatIsNotABookingIsAMappingError() {
        Exchange done = call(CalcomConnectorRoutes.GET_BOOKING, "not json");
        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CalcomConnectorRoutes.GET_BOOKING);
        assertThat(done.getException()).isNotInstanceOf(CamelExecutionException.class);
    }
}
