package io.ponte.contact;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.boot.logging.logback.WhitespaceThrowableProxyConverter;

/**
 * Logback's {@code %m}/{@code %msg}/{@code %message} with personal data masked by
 * {@link PersonalDataMasker#maskText(String)}. {@code logback-spring.xml} registers it in place of the stock
 * converter, so every message reaches the console masked, whatever the code that logged it.
 *
 * <p>The nested converters do the same for Spring Boot's exception words {@code %wEx} (the default) and
 * {@code %wex}: the stack trace, with every exception message and "Caused by" line, is masked as a whole. That costs
 * a regex pass per logged exception only, which is cheap next to building the stack trace.
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalDataMasker.maskText(super.convert(event));
    }

    /** {@code %wEx}: Spring Boot's extended whitespace stack trace (packaging data), masked. */
    public static class ExtendedWhitespaceThrowable extends ExtendedWhitespaceThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return PersonalDataMasker.maskText(super.throwableProxyToString(tp));
        }
    }

    /** {@code %wex}: Spring Boot's whitespace stack trace, masked. */
    public static class WhitespaceThrowable extends WhitespaceThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return PersonalDataMasker.maskText(super.throwableProxyToString(tp));
        }
    }
}
