package io.ponte.contact;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;

/**
 * The console's encoder: Spring Boot's text pattern (masked by the {@code %m}/{@code %wEx} converters that
 * {@code logback-spring.xml} registers), or, when {@code logging.structured.format.console} is set (what
 * {@code ponte.logging.format=json} does), Spring Boot's structured JSON, masked by
 * {@link MaskingStructuredLogEncoder}. One appender, so nothing is configured that is not used.
 */
public class MaskingConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private String pattern;
    private String structuredFormat;
    private Charset charset;
    private Encoder<ILoggingEvent> delegate;

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** {@code ecs}, {@code logstash}, {@code gelf}, or empty for text. */
    public void setStructuredFormat(String structuredFormat) {
        this.structuredFormat = structuredFormat;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        if (structuredFormat != null && !structuredFormat.isBlank()) {
            MaskingStructuredLogEncoder json = new MaskingStructuredLogEncoder();
            json.setContext(getContext());
            json.setFormat(structuredFormat.trim());
            if (charset != null) {
                json.setCharset(charset);
            }
            delegate = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            if (charset != null) {
                text.setCharset(charset);
            }
            delegate = text;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
