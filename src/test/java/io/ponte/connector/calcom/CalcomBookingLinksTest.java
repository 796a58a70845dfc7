package io.ponte.connector.calcom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prefilled booking link on its own: encoding, optional parts, and pages that already carry parameters. */
class CalcomBookingLinksTest {

    private static final CalcomBookingLinks LINKS =
            new CalcomBookingLinks(URI.create("https://agenda.clinicasorriso.com.br/dra-ana/consulta"));

    /** The query as a browser's URLSearchParams would read it back. */
    private static Map<String, String> params(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void everyValueSurvivesTheRoundTripWhateverItsCharacters() {
        String url = LINKS.linkFor("Conceição Araújo & Filhos", "ana+agenda@clínica.com.br", "+55 11 98765-4321",
                "0196c1f2-7a3e-7c11-9b8e-3f5d2a1c4e77");

        assertThat(url).startsWith("https://agenda.clinicasorriso.com.br/dra-ana/consulta?name=")
                .doesNotContain(" ").doesNotContain("+55").contains("%20");
        assertThat(params(url)).containsExactly(
                Map.entry("name", "Conceição Araújo & Filhos"),
                Map.entry("email", "ana+agenda@clínica.com.br"),
                Map.entry("attendeePhoneNumber", "+5511987654321"),
                Map.entry("metadata[ponteContactId]", "0196c1f2-7a3e-7c11-9b8e-3f5d2a1c4e77"));
    }

    @Test
    void blankValuesAreLeftOutAndAPhoneThatIsNotOneIsPassedAsGiven() {
        assertThat(params(LINKS.linkFor(" ", null, "ramal 12", "c-9"))).containsExactly(
                Map.entry("attendeePhoneNumber", "ramal 12"), Map.entry("metadata[ponteContactId]", "c-9"));
        assertThat(LINKS.linkFor(null, null, null, null))
                .isEqualTo("https://agenda.clinicasorriso.com.br/dra-ana/consulta");
    }

    @Test
    void parametersAndFragmentOfTheConfiguredPageAreKept() {
        CalcomBookingLinks links =
                new CalcomBookingLinks(URI.create("https://cal.com/clinica/consulta?duration=30#agenda"));
        assertThat(links.linkFor("Maria", null, null, "c-1")).isEqualTo(
                "https://cal.com/clinica/consulta?duration=30&name=Maria&metadata%5BponteContactId%5D=c-1#agenda");
    }

    @Test
    void withoutABookingPageThereIsNoLink() {
        CalcomBookingLinks none = new CalcomBookingLinks(null);
        assertThat(none.configured()).isFalse();
        assertThatThrownBy(() -> none.linkFor("Maria", null, null, "c-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ponte.calcom.booking-url is not set");
    }
}
