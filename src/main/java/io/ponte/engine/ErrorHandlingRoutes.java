package io.ponte.engine;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.support.ExpressionAdapter;

/**
 * Error handling, declared once for every route — Java and YAML alike. Retryable failures are redelivered from the
 * failing step with exponential backoff and jitter (honouring {@code Retry-After}), asynchronously so a waiting
 * delivery holds no thread; the rest fail at once. When a failure is final it propagates to the engine, which
 * parks the event in the dead-letter queue ({@link EventProcessor}).
 */
public class ErrorHandlingRoutes extends RouteConfigurationBuilder {

    public static final String ID = "ponte-error-handling";

    private final Deliveries deliveries;
    private final ProcessingJournal journal;
    private final Backoff backoff;

    public ErrorHandlingRoutes(Deliveries deliveries, ProcessingJournal journal, Backoff backoff) {
        this.deliveries = deliveries;
        this.journal = journal;
        this.backoff = backoff;
    }

    @Override
    public void configuration() {
        routeConfiguration()
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(backoff.policy().maxAttempts() - 1)
                        .redeliveryDelay(backoff.policy().initialDelay().toMillis())
                        .asyncDelayedRedelivery()
                        // evaluated once after every failure, before the delay is chosen: the one hook that sees
                        // each attempt (onExceptionOccurred fires only for the first failure at a step)
                        .retryWhile(new ExpressionAdapter() {
                            @Override
                            public Object evaluate(Exchange exchange) {
                                return onFailure(exchange);
                            }
                        })
                        .onRedelivery(deliveries::attemptStarting)
                        // the engine logs the final outcome once, masked; Camel's own logs would show bodies
                        .logExhausted(false)
                        .logRetryAttempted(false)
                        .logStackTrace(false)
                        .retryAttemptedLogLevel(LoggingLevel.DEBUG));
    }

    /** Runs right after any step fails: classify, record the attempt, decide and time the next one. */
    boolean onFailure(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            return false;
        }
        Failure failure = Failure.of(error);
        int failedAttempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        boolean retry = backoff.shouldRetry(failure, failedAttempt);
        Deliveries.Current delivery = deliveries.failed(exchange, error, failure, retry);
        if (retry) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, backoff.delayMillis(failedAttempt, failure.retryAfter()));
            if (failedAttempt == 1 && delivery != null) {
                journal.append(new ProcessingJournal.EventUpdate(delivery.eventId, EventStatus.PROCESSING,
                        delivery.redact(failure.reason())));
            }
        }
        return retry;
    }
}
