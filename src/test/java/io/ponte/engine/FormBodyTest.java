package io.ponte.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormBodyTest {

    @Test
    void decodesPlusPercentAndUtf8() {
        Map<String, List<String>> params = parse("Body=Ol%C3%A1%2C+tudo+bem%3F&To=whatsapp%3A%2B5511900000000");
        assertThat(params).containsExactly(
                Map.entry("Body", List.of("Olá, tudo bem?")),
                Map.entry("To", List.of("whatsapp:+5511900000000")));
    }

    @Test
    void keepsRepeatedNamesInOrder() {
        Map<String, List<String>> params = parse("b=2&a=1&b=1&b=3");
        assertThat(params.keySet()).containsExactly("b", "a");
        assertThat(params.get("b")).containsExactly("2", "1", "3");
    }

    @Test
    void emptyValuesMissingEqualsAndEmptyPairs() {
        Map<String, List<String>> params = parse("a=&b&&c=x=y&");
        assertThat(params).containsExactly(
                Map.entry("a", List.of("")),
                Map.entry("b", List.of("")),
                Map.entry("c", List.of("x=y")));
        assertThat(FormBody.parse(new byte[0])).isEmpty();
        assertThat(FormBody.parse(null)).isEmpty();
    }

    @Test
    void decodesNames() {
        assertThat(parse("leads%5Badd%5D%5B0%5D%5Bid%5D=7&a+b=1"))
                .containsOnlyKeys("leads[add][0][id]", "a b");
    }

    @Test
    void percentEncodedPlusStaysPlus() {
        assertThat(parse("p=%2B1+2").get("p")).containsExactly("+1 2");
    }

    @Test
    void lowerCaseHexAndRawUtf8Bytes() {
        assertThat(parse("x=%c3%a1").get("x")).containsExactly("á");
        assertThat(FormBody.parse("x=á".getBytes(StandardCharsets.UTF_8)).get("x")).containsExactly("á");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%4", "a=%zz", "a=%4g&b=1", "%=1", "a=100%"})
    void rejectsMalformedPercentEncoding(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed percent-encoding in form body");
    }

    @Test
    void rejectsInvalidUtf8() {
        assertThatThrownBy(() -> parse("a=%C3%28")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("form body is not valid UTF-8");
    }

    // ------------------------------------------------------------------------------------------------ toNested

    @Test
    void expandsKommoStyleKeys() {
        String body = "leads%5Badd%5D%5B0%5D%5Bid%5D=555"
                + "&leads%5Badd%5D%5B0%5D%5Bname%5D=Jo%C3%A3o+Lima"
                + "&leads%5Badd%5D%5B0%5D%5Bcustom_fields%5D%5B0%5D%5Bid%5D=10"
                + "&leads%5Badd%5D%5B0%5D%5Bcustom_fields%5D%5B0%5D%5Bvalues%5D%5B0%5D%5Bvalue%5D=Implante"
                + "&leads%5Badd%5D%5B0%5D%5Bcustom_fields%5D%5B0%5D%5Bvalues%5D%5B0%5D%5Benum%5D=99"
                + "&leads%5Badd%5D%5B1%5D%5Bid%5D=556"
                + "&account%5Bsubdomain%5D=minhaclinica&account%5Bid%5D=123"
                + "&account%5B_links%5D%5Bself%5D=https%3A%2F%2Fminhaclinica.kommo.com";

        Map<String, Object> nested = FormBody.toNested(parse(body));

        Map<String, Object> value = new LinkedHashMap<>();
        value.put("value", "Implante");
        value.put("enum", "99");
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("id", "10");
        field.put("values", List.of(value));
        Map<String, Object> lead0 = new LinkedHashMap<>();
        lead0.put("id", "555");
        lead0.put("name", "João Lima");
        lead0.put("custom_fields", List.of(field));
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("subdomain", "minhaclinica");
        account.put("id", "123");
        account.put("_links", Map.of("self", "https://minhaclinica.kommo.com"));

        assertThat(nested).isEqualTo(Map.of(
                "leads", Map.of("add", List.of(lead0, Map.of("id", "556"))),
                "account", account));
        assertThat(nested.keySet()).containsExactly("leads", "account");
        assertThat(nested.get("leads")).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) ((Map<?, ?>) nested.get("leads")).get("add"))
                .get(0);
        assertThat(first.keySet()).containsExactly("id", "name", "custom_fields");
    }

    @Test
    void plainKeysMapToStringOrListOfStrings() {
        Map<String, Object> nested = FormBody.toNested(parse("a=1&b=2&b=3&c="));
        assertThat(nested).containsExactly(
                Map.entry("a", "1"),
                Map.entry("b", List.of("2", "3")),
                Map.entry("c", ""));
    }

    @Test
    void onlyConsecutiveIntegersFromZeroMakeAList() {
        assertThat(FormBody.toNested(parse("a[1]=x&a[0]=y"))).isEqualTo(Map.of("a", List.of("y", "x")));
        assertThat(FormBody.toNested(parse("a[0]=x&a[2]=y")).get("a")).isEqualTo(Map.of("0", "x", "2", "y"));
        assertThat(FormBody.toNested(parse("a[1]=x")).get("a")).isEqualTo(Map.of("1", "x"));
        assertThat(FormBody.toNested(parse("a[0]=x&a[01]=y")).get("a")).isInstanceOf(Map.class);
        assertThat(FormBody.toNested(parse("a[0]=x&a[b]=y")).get("a")).isInstanceOf(Map.class);
    }

    @Test
    void emptyBracketsAppend() {
        assertThat(FormBody.toNested(parse("tags[]=a&tags[]=b"))).isEqualTo(Map.of("tags", List.of("a", "b")));
        assertThat(FormBody.toNested(parse("x[][id]=1&x[][id]=2")))
                .isEqualTo(Map.of("x", List.of(Map.of("id", "1"), Map.of("id", "2"))));
    }

    @Test
    void repeatedBracketKeyKeepsAllValues() {
        assertThat(FormBody.toNested(parse("a[b]=1&a[b]=2"))).isEqualTo(Map.of("a", Map.of("b", List.of("1", "2"))));
    }

    @Test
    void malformedBracketKeysStayPlain() {
        Map<String, Object> nested = FormBody.toNested(parse("a[b=1&[x]=2&a[b]c=3&a]=4&a[b[c]]=5"));
        assertThat(nested).containsOnlyKeys("a[b", "[x]", "a[b]c", "a]", "a[b[c]]");
    }

    @Test
    void laterLeafOrBranchWins() {
        assertThat(FormBody.toNested(parse("a=1&a[b]=2"))).isEqualTo(Map.of("a", Map.of("b", "2")));
        assertThat(FormBody.toNested(parse("a[b]=2&a=1"))).isEqualTo(Map.of("a", "1"));
    }

    private static LinkedHashMap<String, List<String>> parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
