package io.ponte.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Lets {@code ponte.api-keys} list plain strings as well as {@code {name, key, rights}} objects. */
@Component
@ConfigurationPropertiesBinding
public class ApiKeyConverter implements Converter<String, ApiKey> {

    @Override
    public ApiKey convert(String source) {
        return new ApiKey(null, source.trim(), null);
    }
}
