package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.connector.calcom.CalcomConnectorRoutes;
import io.ponte.connector.calcom.CalcomTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request the Cal.com connector sends is a valid call of Cal.com's own API v2 spec ({@code calcom.json}):
 * operation, path, required {@code cal-api-version} header, request body schema.
 *
 * <p>{@code calcom.json} is verbatim and does not pass a strict parse (the fixtures README: "load them with a lenient
 * parser / ignore these spots"), and {@link OpenApiContract} loads strictly. So it is {@link RepairedSpec repaired}
 * at run time in the three kinds of spot the parser reports — none of them in the bookings API: 55 operations that
 * use a path parameter without declaring it get the declaration, object schemas lose a {@code default} that is not
 * an object, and arrays without {@code items} get {@code items: {}} (JSON Schema's own meaning of an absent
 * {@code items}). Nothing else of the vendor's file is changed.
 */
class CalcomConformanceTest extends CalcomTestSupport {

    private static final String UID = "hT3qX9bLk2mN8pR4sV6wYz";
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @Test
    void everyBookingRequestMatchesCalcomsSpec() throws IOException {
        OpenApiContract contract = repairedCalcomContract();
        calcom.stubFor(get("/v2/bookings/" + UID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("booking.json"))));
        calcom.stubFor(post("/v2/bookings/" + UID + "/cancel").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("booking-cancelled.json"))));
        calcom.stubFor(post("/v2/bookings/" + UID + "/reschedule").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("booking-rescheduled.json"))));

        List<Exchange> done = List.of(
                call(CalcomConnectorRoutes.GET_BOOKING, Map.of("uid", UID)),
                call(CalcomConnectorRoutes.CANCEL_BOOKING,
                        Map.of("uid", UID, "cancellationReason", "Paciente pediu para cancelar")),
                call(CalcomConnectorRoutes.RESCHEDULE_BOOKING, Map.of("uid", UID, "start",
                        "2026-05-18T10:00:00-03:00", "reschedulingReason", "Conflito de agenda",
                        "rescheduledBy", "ana.lima@clinicaexemplo.com.br")));

        done.forEach(e -> assertThat(e.getException()).isNull());
        List<LoggedRequest> sent = calcom.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(3);
        sent.forEach(contract::assertConforms);
    }

    @Test
    void theRepairedSpecStillRejectsABookingCallItForbids() throws Exception {
        OpenApiContract contract = repairedCalcomContract();
        calcom.stubFor(post("/v2/bookings/" + UID + "/reschedule").willReturn(aResponse().withStatus(400)));

        // a reschedule without its required start, as a careless client would send it
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(calcom.baseUrl() + "/v2/bookings/" + UID
                        + "/reschedule")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_KEY).header("cal-api-version", "2024-08-13")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reschedulingReason\":\"sem data\"}")).build(),
                HttpResponse.BodyHandlers.discarding());
        List<LoggedRequest> sent = calcom.findAll(anyRequestedFor(anyUrl()));

        assertThat(sent).hasSize(1);
        assertThatThrownBy(() -> contract.assertConforms(sent.get(0))).isInstanceOf(AssertionError.class);
    }

    private static OpenApiContract repairedCalcomContract() throws IOException {
        return OpenApiContract.forSpec("calcom.json", "", text -> {
            try {
                ObjectNode spec = (ObjectNode) JSON.readTree(text);
                declareUsedPathParameters(spec);
                repairSchemas(spec.path("components"));
                return JSON.writeValueAsString(spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void declareUsedPathParameters(ObjectNode spec) {
        spec.path("paths").fields().forEachRemaining(path -> {
            Set<String> used = new HashSet<>();
            Matcher m = TEMPLATE.matcher(path.getKey());
            while (m.find()) {
                used.add(m.group(1));
            }
            Set<String> shared = pathParameters(spec, path.getValue().path("parameters"));
            path.getValue().fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey())) {
                    return;
                }
                Set<String> declared = new HashSet<>(shared);
                declared.addAll(pathParameters(spec, op.getValue().path("parameters")));
                for (String name : used) {
                    if (!declared.contains(name)) {
                        ObjectNode parameter = ((ObjectNode) op.getValue()).withArray("parameters").addObject();
                        parameter.put("name", name).put("in", "path").put("required", true)
                                .putObject("schema").put("type", "string");
                    }
                }
            });
        });
    }

    private static Set<String> pathParameters(JsonNode spec, JsonNode parameters) {
        Set<String> names = new HashSet<>();
        for (JsonNode p : parameters) {
            JsonNode resolved = p.has("$ref") ? spec.at(p.get("$ref").asText().substring(1)) : p;
            if ("path".equals(resolved.path("in").asText())) {
                names.add(resolved.path("name").asText());
            }
        }
        return names;
    }

    private static void repairSchemas(JsonNode node) {
        if (node instanceof ObjectNode object) {
            String type = object.path("type").asText("");
            if ("object".equals(type) && object.has("default") && !object.get("default").isObject()) {
                object.remove("default");
            }
            if ("array".equals(type) && !object.has("items")) {
                object.putObject("items");
            }
            object.elements().forEachRemaining(CalcomConformanceTest::repairSchemas);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(CalcomConformanceTest::repairSchemas);
        }
    }
}
