package io.ponte.contact;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Spring Boot's structured (JSON) log encoder — {@code ponte.logging.format=json}, ECS by default — with the same
 * personal-data masking as the text log: the message and every exception message in the stack trace pass through
 * {@link PersonalDataMasker#maskText(String)} before Spring Boot's formatter sees them. MDC entries (the event id
 * and delivery id) are written as they are: they hold ids, not personal data.
 */
public class MaskingStructuredLogEncoder extends StructuredLogEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        return super.encode(new Masked(event));
    }

    /** The event with its message and throwable masked; everything else as logged. */
    private record Masked(ILoggingEvent event) implements ILoggingEvent {
        @Override
        public String getFormattedMessage() {
            return PersonalDataMasker.maskText(event.getFormattedMessage());
        }

        @Override
        public String getMessage() {
            return getFormattedMessage();
        }

        @Override
        public Object[] getArgumentArray() {
            return null; // already in the masked message
        }

        @Override
        public IThrowableProxy getThrowableProxy() {
            IThrowableProxy t = event.getThrowableProxy();
            return t == null ? null : new MaskedThrowable(t);
        }

        @Override
        public List<KeyValuePair> getKeyValuePairs() {
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            return pairs == null ? null : pairs.stream()
                    .map(p -> new KeyValuePair(p.key, p.value == null ? null
                            : PersonalDataMasker.maskText(String.valueOf(p.value))))
                    .toList();
        }

        @Override
        public String getThreadName() {
            return event.getThreadName();
        }

        @Override
        public Level getLevel() {
            return event.getLevel();
        }

        @Override
        public String getLoggerName() {
            return event.getLoggerName();
        }

        @Override
        public LoggerContextVO getLoggerContextVO() {
            return event.getLoggerContextVO();
        }

        @Override
        public StackTraceElement[] getCallerData() {
            return event.getCallerData();
        }

        @Override
        public boolean hasCallerData() {
            return event.hasCallerData();
        }

        @Override
        public List<Marker> getMarkerList() {
            return event.getMarkerList();
        }

        @Override
        public Map<String, String> getMDCPropertyMap() {
            return event.getMDCPropertyMap();
        }

        @Override
        @SuppressWarnings("deprecation")
        public Map<String, String> getMdc() {
            return event.getMdc();
        }

        @Override
        public long getTimeStamp() {
            return event.getTimeStamp();
        }

        @Override
        public int getNanoseconds() {
            return event.getNanoseconds();
        }

        @Override
        public java.time.Instant getInstant() {
            return event.getInstant();
        }

        @Override
        public long getSequenceNumber() {
            return event.getSequenceNumber();
        }

        @Override
        public void prepareForDeferredProcessing() {
            event.prepareForDeferredProcessing();
        }
    }

    /** An exception as logged, its message (and its causes' and suppressed ones') masked. */
    private record MaskedThrowable(IThrowableProxy proxy) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return proxy.getMessage() == null ? null : PersonalDataMasker.maskText(proxy.getMessage());
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return proxy.getCause() == null ? null : new MaskedThrowable(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = proxy.getSuppressed();
            if (s == null) {
                return null;
            }
            IThrowableProxy[] masked = new IThrowableProxy[s.length];
            for (int i = 0; i < s.length; i++) {
                masked[i] = new MaskedThrowable(s[i]);
            }
            return masked;
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
