package io.ponte.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------------------------------------ text

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "+5511987654321                  | +55*******4321",
            "+55 (11) 98765-4321             | +55 (**) *****-4321",
            "+55 11 98765-4321               | +55 ** *****-4321",
            "5511987654321                   | 55*******4321",
            "551187654321                    | 55******4321",
            "(11) 98765-4321                 | (**) *****-4321",
            "(011) 3456-7890                 | (***) ****-7890",
            "11 98765-4321                   | ** *****-4321",
            "11 9 8765-4321                  | ** * ****-4321",
            "11 3456-7890                    | ** ****-7890",
            "98765-4321                      | *****-4321",
            "11987654321                     | *******4321",
            "whatsapp:+5511987654321         | whatsapp:+55*******4321",
            "phone:+5511987654321            | phone:+55*******4321",
            "5511987654321@s.whatsapp.net    | 55*******4321@s.whatsapp.net",
            "5511987654321:12@s.whatsapp.net | 55*******4321:12@s.whatsapp.net",
            "5511987654321@c.us              | 55*******4321@c.us",
            "5511987654321-1600000000@g.us   | 55*******4321-1600000000@g.us",
            "+1 415 867 5309                 | +1 *** *** 5309",
            "+351 912 345 678                | +351 *** **5 678",
            "maria.souza@gmail.com           | ma***@gm***.com",
            "Joao.Pereira+agenda@clinicavida.com.br | Jo***@cl***.com.br",
            "ana@uol.com.br                  | a***@u***.com.br",
            "123.456.789-00                  | ***.***.***-00",
            "123456789-09                    | ***.***.***-09",
            "12345678900                     | ***.***.***-00",
            "52998224725                     | ***.***.***-25",
    })
    void masksOneValue(String raw, String masked) {
        assertThat(PersonalDataMasker.maskText(raw)).isEqualTo(masked);
    }

    @Test
    void masksInsideSentences() {
        assertThat(PersonalDataMasker.maskText("Paciente Maria: meu telefone é 11 98765-4321, e-mail maria.souza@gmail.com."))
                .isEqualTo("Paciente Maria: meu telefone é ** *****-4321, e-mail ma***@gm***.com.");
        assertThat(PersonalDataMasker.maskText("Mensagem de whatsapp:+5521998765432 para whatsapp:+551140041234"))
                .isEqualTo("Mensagem de whatsapp:+55*******5432 para whatsapp:+55******1234");
        assertThat(PersonalDataMasker.maskText("CPF 529.982.247-25 confirmado; contato (31) 3222-1100"))
                .isEqualTo("CPF ***.***.***-25 confirmado; contato (**) ****-1100");
        assertThat(PersonalDataMasker.maskText("Chatwoot contact 42 identifier=5511987654321@s.whatsapp.net created"))
                .isEqualTo("Chatwoot contact 42 identifier=55*******4321@s.whatsapp.net created");
        assertThat(PersonalDataMasker.maskText("GET /contacts/search?q=5511987654321 -> 404"))
                .isEqualTo("GET /contacts/search?q=55*******4321 -> 404");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "Event 0197b1c2-7d3e-7abc-8def-0123456789ab stored",
            "uuid 123e4567-e89b-12d3-a456-426614174000",
            "all-digit uuid 12345678-1234-1234-1234-551198765432",
            "received at 2025-05-12T13:05:30.201Z",
            "received at 2025-05-12T13:05:30.201-03:00 (2025-05-12 10:05:30)",
            "timestamp 1747055130",
            "timestamp 1747055130201",
            "\"timestamp\": \"1747055130\"",
            "Kommo lead 21940173 moved to pipeline 8765432 status 142",
            "HTTP 503 Service Unavailable after 30000 ms",
            "HTTP/1.1 200 OK, retry 3 of 5",
            "Chatwoot conversation 1234 message 98765 account 7",
            "listening on 127.0.0.1:8080 and 192.168.100.200:5432",
            "Apache Camel 4.18.0 (ponte) started in 1s234ms",
            "range 2024-2025, version 3.5.16, size 12345678 bytes",
            "twilio SM0123456789abcdef0123456789abcdef from AC11987654321abc",
            "object io.ponte.engine.Event@5a0d8f2c and PgConnection@1b2c3d4e",
            "linked id 123456789012345@lid, group 120363025246125888@g.us",
            "CNPJ 12.345.678/0001-90 of the clinic",
            "order=21940173&status=open&from=2025-05-01&to=2025-05-31",
            "hash 5511987654321abcdef 0x5511987654321",
            "decimal 0.55119876543219 and 3.14159265358",
            "",
    })
    void leavesWhatIsNotPersonalAlone(String text) {
        assertThat(PersonalDataMasker.maskText(text)).isEqualTo(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(PersonalDataMasker.maskText(null)).isNull();
        assertThat(PersonalDataMasker.maskJson((String) null)).isNull();
        assertThat(PersonalDataMasker.maskJson((JsonNode) null)).isNull();
    }

    @Test
    void masksPersonalKeysInFormBodiesAndToStrings() {
        // Twilio's WhatsApp webhook, form-encoded
        assertThat(PersonalDataMasker.maskText(
                "SmsSid=SM123&ProfileName=Maria+Souza&From=whatsapp%3A%2B5511987654321&To=whatsapp%3A%2B14155238886"
                        + "&WaId=5511987654321&Body=meu+cpf+%C3%A9+123.456.789-00&NumMedia=0"))
                .isEqualTo("SmsSid=SM123&ProfileName=M***+S***&From=whatsapp%3A%2B55*******4321"
                        + "&To=whatsapp%3A%2B1******8886&WaId=55*******4321&Body=meu+cpf+%C3%A9+***.***.***-00&NumMedia=0");
        // a record's toString()
        assertThat(PersonalDataMasker.maskText(
                "Contact[id=42, name=Maria da Silva Souza, email=maria@clinica.com.br, phone=+5511987654321]"))
                .isEqualTo("Contact[id=42, name=M*** d*** S*** S***, email=ma***@cl***.com.br, phone=+55*******4321]");
        // an IDE-generated toString()
        assertThat(PersonalDataMasker.maskText("Patient{firstName='Maria', lastName='Souza', cpf='12345678900', age=41}"))
                .isEqualTo("Patient{firstName='M***', lastName='S***', cpf='***.***.***-00', age=41}");
        // not personal keys stay
        assertThat(PersonalDataMasker.maskText("inbox_name=Recepcao status=503 leadId=21940173"))
                .isEqualTo("inbox_name=Recepcao status=503 leadId=21940173");
    }

    @Test
    void masksJsonLoggedAsText() {
        String logged = "payload {\"name\":\"Maria Souza\",\"phone_number\":\"+5511987654321\",\"inbox_name\":\"Recepcao\","
                + "\"from\":\"2025-05-01\",\"content\":\"ligue 21 99876-5432\"}";
        assertThat(PersonalDataMasker.maskText(logged))
                .isEqualTo("payload {\"name\":\"M*** S***\",\"phone_number\":\"+55*******4321\",\"inbox_name\":\"Recepcao\","
                        + "\"from\":\"2025-05-01\",\"content\":\"ligue ** *****-5432\"}");
    }

    @Test
    void masksEveryOccurrenceInALongText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("lead ").append(21940173 + i).append(" phone +55119876").append(String.format("%05d", i))
                    .append(" at 2025-05-12T13:05:30Z; ");
        }
        String masked = PersonalDataMasker.maskText(text.toString());
        assertThat(masked).doesNotContain("+55119876").contains("lead 21940173 ", "lead 21940372 ")
                .contains("+55*******0199");
    }

    // ------------------------------------------------------------------------------------------------ JSON

    private static final String CHATWOOT_CONTACT = """
            {
              "event": "contact_created",
              "id": 42,
              "name": "Maria Aparecida Souza",
              "email": "maria.souza@gmail.com",
              "phone_number": "+5511987654321",
              "identifier": "5511987654321@s.whatsapp.net",
              "thumbnail": "",
              "availability_status": "offline",
              "additional_attributes": {"city": "São Paulo", "company_name": "Clínica Vida", "social_profiles": {}},
              "custom_attributes": {"cpf": "123.456.789-00", "convenio": "Unimed", "data_ultima_consulta": "2025-05-12"},
              "account": {"id": 7, "name": "Clínica Vida"},
              "inbox": {"id": 3, "name": "WhatsApp Recepção", "inbox_name": "WhatsApp Recepção"},
              "created_at": 1747055130,
              "last_activity_at": "2025-05-12T13:05:30.201Z"
            }
            """;

    @Test
    void masksAChatwootContact() throws Exception {
        JsonNode original = JSON.readTree(CHATWOOT_CONTACT);
        String before = original.toString();
        JsonNode masked = PersonalDataMasker.maskJson(original);

        assertThat(masked.get("name").asText()).isEqualTo("M*** A*** S***");
        assertThat(masked.get("email").asText()).isEqualTo("ma***@gm***.com");
        assertThat(masked.get("phone_number").asText()).isEqualTo("+55*******4321");
        assertThat(masked.get("identifier").asText()).isEqualTo("55*******4321@s.whatsapp.net");
        assertThat(masked.at("/custom_attributes/cpf").asText()).isEqualTo("***.***.***-00");
        // what is not personal stays, ids stay numbers
        assertThat(masked.get("id").isInt()).isTrue();
        assertThat(masked.get("id").asInt()).isEqualTo(42);
        assertThat(masked.get("created_at").asLong()).isEqualTo(1747055130L);
        assertThat(masked.get("last_activity_at").asText()).isEqualTo("2025-05-12T13:05:30.201Z");
        assertThat(masked.get("event").asText()).isEqualTo("contact_created");
        assertThat(masked.get("availability_status").asText()).isEqualTo("offline");
        assertThat(masked.at("/custom_attributes/convenio").asText()).isEqualTo("Unimed");
        assertThat(masked.at("/custom_attributes/data_ultima_consulta").asText()).isEqualTo("2025-05-12");
        assertThat(masked.at("/additional_attributes/company_name").asText()).isEqualTo("Clínica Vida");
        assertThat(masked.at("/additional_attributes/city").asText()).isEqualTo("São Paulo");
        assertThat(masked.at("/inbox/inbox_name").asText()).isEqualTo("WhatsApp Recepção");
        assertThat(masked.at("/inbox/id").asInt()).isEqualTo(3);
        // a bare "name" is taken as a person's: over-masking an inbox's name is the safe side
        assertThat(masked.at("/inbox/name").asText()).isEqualTo("W*** R***");
        // a copy: the argument is untouched
        assertThat(original.toString()).isEqualTo(before);
        assertThat(masked.toString()).doesNotContain("987654", "Maria", "souza@", "456.789");
    }

    @Test
    void masksAMetaWhatsAppWebhook() throws Exception {
        String meta = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                  "contacts":[{"profile":{"name":"João Pereira"},"wa_id":"551187654321"}],
                  "messages":[{"from":"551187654321","id":"wamid.HBgNNTUxMTg3NjU0MzIxFQIAEhgg","timestamp":"1747055130",
                   "type":"text","text":{"body":"Oi! Meu CPF é 529.982.247-25 e o celular da minha mãe (21) 99876-5432"}}]}}]}]}
                """;
        JsonNode masked = PersonalDataMasker.maskJson(JSON.readTree(meta));
        JsonNode value = masked.at("/entry/0/changes/0/value");
        assertThat(value.at("/contacts/0/profile/name").asText()).isEqualTo("J*** P***");
        assertThat(value.at("/contacts/0/wa_id").asText()).isEqualTo("55******4321");
        assertThat(value.at("/messages/0/from").asText()).isEqualTo("55******4321");
        assertThat(value.at("/messages/0/text/body").asText())
                .isEqualTo("Oi! Meu CPF é ***.***.***-25 e o celular da minha mãe (**) *****-5432");
        assertThat(value.at("/messages/0/timestamp").asText()).isEqualTo("1747055130");
        assertThat(value.at("/messages/0/id").asText()).isEqualTo("wamid.HBgNNTUxMTg3NjU0MzIxFQIAEhgg");
        assertThat(value.at("/metadata/phone_number_id").asText()).isEqualTo("106540352242922");
        assertThat(masked.at("/entry/0/id").asText()).isEqualTo("102290129340398");
        assertThat(masked.get("object").asText()).isEqualTo("whatsapp_business_account");
    }

    @Test
    void masksAnEvolutionApiMessage() throws Exception {
        String evolution = """
                {"event":"messages.upsert","instance":"clinica-vida","data":{
                  "key":{"remoteJid":"5511987654321@s.whatsapp.net","remoteJidAlt":"123456789012345@lid",
                         "fromMe":false,"id":"3EB0C431C26A1916A9B1"},
                  "pushName":"Maria","message":{"conversation":"Confirmo a consulta de amanhã"},
                  "messageTimestamp":1747055130,"owner":"clinica-vida","sender":"5511912345678@s.whatsapp.net"}}
                """;
        JsonNode masked = PersonalDataMasker.maskJson(JSON.readTree(evolution));
        assertThat(masked.at("/data/key/remoteJid").asText()).isEqualTo("55*******4321@s.whatsapp.net");
        assertThat(masked.at("/data/key/remoteJidAlt").asText()).isEqualTo("*************45@lid");
        assertThat(masked.at("/data/key/fromMe").isBoolean()).isTrue();
        assertThat(masked.at("/data/key/id").asText()).isEqualTo("3EB0C431C26A1916A9B1");
        assertThat(masked.at("/data/pushName").asText()).isEqualTo("M***");
        assertThat(masked.at("/data/sender").asText()).isEqualTo("55*******5678@s.whatsapp.net");
        assertThat(masked.at("/data/message/conversation").asText()).isEqualTo("Confirmo a consulta de amanhã");
        assertThat(masked.at("/data/messageTimestamp").asLong()).isEqualTo(1747055130L);
        assertThat(masked.get("instance").asText()).isEqualTo("clinica-vida");
    }

    @Test
    void ambiguousFieldsAreMaskedOnlyWhenTheyHoldAPhoneNumber() throws Exception {
        JsonNode masked = PersonalDataMasker.maskJson(JSON.readTree("""
                {"filter":{"from":"2025-05-01","to":1747055130,"number":42},
                 "sms":{"from":"+5511987654321","to":"14155238886","number":5511987654321},
                 "sender":{"id":9,"name":"Ana Lima","type":"contact"},
                 "identifier":"kommo:21940173"}
                """));
        assertThat(masked.at("/filter/from").asText()).isEqualTo("2025-05-01");
        assertThat(masked.at("/filter/to").isNumber()).isTrue();
        assertThat(masked.at("/filter/number").asInt()).isEqualTo(42);
        assertThat(masked.at("/sms/from").asText()).isEqualTo("+55*******4321");
        assertThat(masked.at("/sms/to").asText()).isEqualTo("1******8886");
        assertThat(masked.at("/sms/number").asText()).isEqualTo("55*******4321");
        assertThat(masked.at("/sender/id").asInt()).isEqualTo(9);
        assertThat(masked.at("/sender/name").asText()).isEqualTo("A*** L***");
        assertThat(masked.at("/sender/type").asText()).isEqualTo("contact");
        assertThat(masked.get("identifier").asText()).isEqualTo("kommo:21940173");
    }

    @Test
    void classifiesFieldNames() {
        assertThat(PersonalDataMasker.classify("first_name")).isEqualTo(PersonalDataMasker.Kind.NAME);
        assertThat(PersonalDataMasker.classify("lastName")).isEqualTo(PersonalDataMasker.Kind.NAME);
        assertThat(PersonalDataMasker.classify("ProfileName")).isEqualTo(PersonalDataMasker.Kind.NAME);
        assertThat(PersonalDataMasker.classify("pushName")).isEqualTo(PersonalDataMasker.Kind.NAME);
        assertThat(PersonalDataMasker.classify("nome_paciente")).isEqualTo(PersonalDataMasker.Kind.NAME);
        assertThat(PersonalDataMasker.classify("E_MAIL")).isEqualTo(PersonalDataMasker.Kind.EMAIL);
        assertThat(PersonalDataMasker.classify("emailAddress")).isEqualTo(PersonalDataMasker.Kind.EMAIL);
        assertThat(PersonalDataMasker.classify("WaId")).isEqualTo(PersonalDataMasker.Kind.PHONE);
        assertThat(PersonalDataMasker.classify("celular")).isEqualTo(PersonalDataMasker.Kind.PHONE);
        assertThat(PersonalDataMasker.classify("remoteJid")).isEqualTo(PersonalDataMasker.Kind.PHONE);
        assertThat(PersonalDataMasker.classify("mobilePhone")).isEqualTo(PersonalDataMasker.Kind.PHONE);
        assertThat(PersonalDataMasker.classify("cpf")).isEqualTo(PersonalDataMasker.Kind.DOCUMENT);
        assertThat(PersonalDataMasker.classify("RG")).isEqualTo(PersonalDataMasker.Kind.DOCUMENT);
        assertThat(PersonalDataMasker.classify("document_number")).isEqualTo(PersonalDataMasker.Kind.DOCUMENT);
        assertThat(PersonalDataMasker.classify("From")).isEqualTo(PersonalDataMasker.Kind.AMBIGUOUS);
        for (String notPersonal : new String[] {"phone_number_id", "phoneNumberId", "document_type",
                "email_verified_at", "inbox_name", "file_name", "hostname", "event_name", "templateName",
                "organization", "cnpj", "storage", "merge", "target", "status", "id", ""}) {
            assertThat(PersonalDataMasker.classify(notPersonal)).as(notPersonal)
                    .isEqualTo(PersonalDataMasker.Kind.NONE);
        }
    }

    @Test
    void masksPersonalFieldsWhateverTheirShape() throws Exception {
        JsonNode masked = PersonalDataMasker.maskJson(JSON.readTree("""
                {"rg":"12.345.678-9","cpf":52998224725,"phone":"not informed","phones":["+5511987654321","(21) 2345-6789"],
                 "emails":["maria@gmail.com","invalid-address"],"name":{"first":"Maria","last":"Souza"},
                 "telefone":11987654321,"passport":"FX123456","email":""}
                """));
        assertThat(masked.get("rg").asText()).isEqualTo("**.***.**8-9");
        assertThat(masked.get("cpf").asText()).isEqualTo("***.***.***-25");
        assertThat(masked.get("phone").asText()).isEqualTo("*** ******ed");
        assertThat(masked.at("/phones/0").asText()).isEqualTo("+55*******4321");
        assertThat(masked.at("/phones/1").asText()).isEqualTo("(**) ****-6789");
        assertThat(masked.at("/emails/0").asText()).isEqualTo("ma***@gm***.com");
        assertThat(masked.at("/emails/1").asText()).isEqualTo("*******-*****ss");
        assertThat(masked.at("/name/first").asText()).isEqualTo("M***");
        assertThat(masked.at("/name/last").asText()).isEqualTo("S***");
        assertThat(masked.get("telefone").asText()).isEqualTo("*******4321");
        assertThat(masked.get("passport").asText()).isEqualTo("******56");
        assertThat(masked.get("email").asText()).isEmpty();
    }

    @Test
    void maskJsonStringParsesMasksAndSerialises() {
        assertThat(PersonalDataMasker.maskJson(
                "{\"name\": \"Maria Souza\", \"phone\": \"+5511987654321\", \"price\": 150.10, \"ok\": true, \"x\": null}"))
                .isEqualTo("{\"name\":\"M*** S***\",\"phone\":\"+55*******4321\",\"price\":150.10,\"ok\":true,\"x\":null}");
        assertThat(PersonalDataMasker.maskJson("[{\"email\":\"ana@uol.com.br\"}]"))
                .isEqualTo("[{\"email\":\"a***@u***.com.br\"}]");
    }

    @Test
    void maskJsonStringFallsBackToTextWhenNotJson() {
        assertThat(PersonalDataMasker.maskJson("ProfileName=Maria&From=whatsapp%3A%2B5511987654321"))
                .isEqualTo("ProfileName=M***&From=whatsapp%3A%2B55*******4321");
        assertThat(PersonalDataMasker.maskJson("{not json, phone 11987654321"))
                .isEqualTo("{not json, phone *******4321");
        assertThat(PersonalDataMasker.maskJson("{\"phone\":\"11987654321\"} trailing 11987654321"))
                .isEqualTo("{\"phone\":\"*******4321\"} trailing *******4321");
        assertThat(PersonalDataMasker.maskJson("\"11987654321\"")).isEqualTo("\"*******4321\"");
        assertThat(PersonalDataMasker.maskJson("")).isEmpty();
    }

    @Test
    void maskIsStable() {
        String once = PersonalDataMasker.maskText(
                "Maria +5511987654321 maria@gmail.com 123.456.789-00 (11) 3456-7890 name=Maria");
        assertThat(PersonalDataMasker.maskText(once)).isEqualTo(once);
    }
}
