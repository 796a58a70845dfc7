package io.ponte.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.engine.mapping.Mappings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The mappings of the inbound and seed-004 flows, on the cases their end-to-end tests do not post. */
class FlowMappingsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Mappings mappings = new Mappings(Path.of("mappings"));

    private JsonNode map(String mapping, String input) throws Exception {
        return mappings.get(mapping).apply(json.readTree(input));
    }

    @Test
    void aPaymentIsANoteOnTheClientThatOpensNoLead() throws Exception {
        JsonNode n = map("finance-note/crm", "{\"type\": \"payment.received\", \"webhook\": {\"event_id\": \"pay-77\", "
                + "\"client\": {\"name\": \"Ana\", \"email\": \"ana@example.com\"}, \"amount\": 350, "
                + "\"method\": \"pix\", \"invoice_id\": 9001}}");
        assertThat(n.at("/contact/email").asText()).isEqualTo("ana@example.com");
        assertThat(n.at("/note/title").asText()).isEqualTo("Pagamento");
        assertThat(n.at("/note/text").asText())
                .isEqualTo("Pagamento recebido: R$ 350 (forma: pix, fatura: 9001, evento: pay-77)");
        assertThat(n.at("/note/createLead").asBoolean()).isFalse();
    }

    @Test
    void aFinanceEventWithoutAPersonHasNobodyToRecordItOn() throws Exception {
        JsonNode n = map("finance-note/crm", "{\"type\": \"payout.created\", \"webhook\": {\"caregiver\": \"Rosa\", "
                + "\"amount\": 350.0}}");
        assertThat(n.at("/contact/phone").isMissingNode()).isTrue();
        assertThat(n.at("/contact/email").isMissingNode()).isTrue();
    }

    @Test
    void urgentKeywordsAreFoundWhateverTheCaseAndOnlyWithAnOnCallPhoneTextSomeone() throws Exception {
        String message = "{\"webhook\": {\"channel\": \"sms\", \"contact\": {\"name\": \"João\", \"phone\": "
                + "\"+5511988887777\"}, \"message\": {\"text\": \"Tive SANGRAMENTO hoje\"}}, "
                + "\"urgentKeywords\": \"urgente, dor forte ,sangramento\", \"staffEmail\": \"\", \"onCallPhone\": %s}";
        JsonNode withPhone = map("omnichannel-message/ponte", message.formatted("\"+5511977776666\""));
        assertThat(withPhone.path("urgent").asBoolean()).isTrue();
        assertThat(withPhone.at("/onCall/to").asText()).isEqualTo("+5511977776666");
        assertThat(withPhone.at("/acknowledgement/channel").asText()).isEqualTo("sms");
        assertThat(withPhone.has("staffEmail")).as("no staff address configured").isFalse();
        assertThat(map("omnichannel-message/ponte", message.formatted("\"\"")).has("onCall")).isFalse();
    }

    @Test
    void aContactsOwnLanguageChoosesTheTemplatesLocaleElseTheConfiguredOne() throws Exception {
        String message = "{\"webhook\": {\"channel\": \"whatsapp\", \"contact\": {\"name\": \"Lucía\", "
                + "\"phone\": \"+5491155556666\"%s}, \"message\": {\"text\": \"Hola\"}}, \"locale\": \"pt-BR\"}";
        assertThat(map("omnichannel-message/ponte", message.formatted(", \"locale\": \"es\""))
                .at("/acknowledgement/locale").asText()).isEqualTo("es");
        assertThat(map("omnichannel-message/ponte", message.formatted("")).at("/acknowledgement/locale").asText())
                .isEqualTo("pt-BR");
    }

    @Test
    void aGroupMessageOrOneWithoutTextIsHandledAsSuch() throws Exception {
        JsonNode group = map("whatsapp-inbound/ponte", "{\"source\": \"zapi\", \"webhook\": {\"type\": \"ReceivedCallback\", "
                + "\"phone\": \"120363019502650977-group\", \"isGroup\": true, \"fromMe\": false, "
                + "\"text\": {\"message\": \"oi\"}}}");
        assertThat(group.path("relevant").asBoolean()).isFalse();
        JsonNode audio = map("whatsapp-inbound/ponte", "{\"source\": \"zapi\", \"webhook\": {\"type\": \"ReceivedCallback\", "
                + "\"phone\": \"5511987654321\", \"isGroup\": false, \"fromMe\": false, \"momment\": 1899990000000, "
                + "\"audio\": {\"audioUrl\": \"https://example.com/a.ogg\"}}}");
        assertThat(audio.path("relevant").asBoolean()).isTrue();
        assertThat(audio.path("text").asText()).isEqualTo("[mídia: audio]");
        assertThat(audio.path("phone").asText()).isEqualTo("+5511987654321");
    }
}
