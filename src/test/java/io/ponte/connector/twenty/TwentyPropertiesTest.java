package io.ponte.connector.twenty;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code ponte.twenty}: both spellings of the base URL reach {@code /rest}; a half configuration does not start. */
class TwentyPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    private Set<String> violations(TwentyProperties properties) {
        Set<ConstraintViolation<TwentyProperties>> found = validator.validate(properties);
        return found.stream().map(ConstraintViolation::getMessage).collect(Collectors.toSet());
    }

    @Test
    void theOriginIsTheBaseUrlWithoutATrailingRest() {
        assertThat(new TwentyProperties(URI.create("https://crm.clinica.com.br"), "k").origin())
                .hasToString("https://crm.clinica.com.br");
        assertThat(new TwentyProperties(URI.create("https://crm.clinica.com.br/rest/"), "k").origin())
                .hasToString("https://crm.clinica.com.br");
        assertThat(new TwentyProperties(URI.create("https://clinica.com.br/twenty/"), "k").origin())
                .hasToString("https://clinica.com.br/twenty");
    }

    @Test
    void noBaseUrlIsNotConfiguredAndValid() {
        TwentyProperties none = new TwentyProperties(null, null);
        assertThat(none.configured()).isFalse();
        assertThat(none.origin()).isNull();
        assertThat(violations(none)).isEmpty();
        assertThat(violations(new TwentyProperties(URI.create(""), null))).isEmpty();
    }

    @Test
    void aBaseUrlNeedsAKeyAndAnHttpScheme() {
        assertThat(violations(new TwentyProperties(URI.create("https://api.twenty.com"), " ")))
                .containsExactly("ponte.twenty.api-key is required when ponte.twenty.base-url is set");
        assertThat(violations(new TwentyProperties(URI.create("crm.clinica.com.br"), "k")))
                .containsExactly("ponte.twenty.base-url must be an absolute http(s) URL, e.g. https://crm.clinica.com.br");
        assertThat(violations(new TwentyProperties(URI.create("https://api.twenty.com"), "k"))).isEmpty();
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertThat(new TwentyProperties(URI.create("https://api.twenty.com"), "eyJhbGciOiJIUzI1NiJ9.secret"))
                .asString().doesNotContain("secret").contains("***");
    }
}
