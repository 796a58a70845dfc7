package io.ponte.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one classification every connector's failures go through: what is retried (with the vendor's Retry-After)
 * and what is parked at once. Vendors' own ways of saying "slow down" count as throttling whatever the status.
 */
class FailureTest {

    private static HttpOperationFailedException http(int status, String body, Map<String, String> headers) {
        return new HttpOperationFailedException("https://vendor.example/api", status, "status " + status, null,
                headers, body);
    }

    @ParameterizedTest(name = "{0} {2} -> retryable={1}")
    @CsvSource(delimiter = '|', textBlock = """
            401 | false | {"error":"bad api_access_token"}
            403 | false | {"error":"forbidden"}
            404 | false | {"message":"Not Found"}
            409 | false | {"error":"duplicate"}
            422 | false | {"errors":["phone is invalid"]}
            400 | false | {"code":21211,"message":"The 'To' number is not a valid phone number","status":400}
            400 | false | {"code":63016,"message":"Failed to send freeform message outside the allowed window"}
            408 | true  | request timeout
            425 | true  | too early
            429 | true  | {"code":20429,"message":"Too Many Requests"}
            429 | true  | {"status":"error","message":"Too many requests"}
            500 | true  | {"error":{"code":500,"reason":"backendError"}}
            502 | true  | <html>bad gateway</html>
            503 | true  | ''
            403 | true  | {"error":{"code":403,"message":"Rate Limit Exceeded","errors":[{"domain":"usageLimits","reason":"rateLimitExceeded"}]}}
            403 | true  | {"error":{"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded"}],"code":403}}
            403 | false | {"error":{"errors":[{"domain":"calendar","reason":"forbiddenForNonOrganizer"}],"code":403}}
            400 | true  | {"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"fbtrace_id":"A1"}}
            400 | true  | {"error":{"message":"(#131056) Pair rate limit hit","type":"OAuthException","code":131056,"fbtrace_id":"A2"}}
            400 | false | {"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,"fbtrace_id":"A3"}}
            400 | false | {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"fbtrace_id":"A4"}}
            """)
    void httpAnswersAreRetriedOnlyWhenTryingLaterCanHelp(int status, boolean retryable, String body) {
        Failure f = Failure.of(new RuntimeException("wrapped", http(status, body, Map.of())));
        assertThat(f.retryable()).isEqualTo(retryable);
        assertThat(f.httpStatus()).isEqualTo(status);
        assertThat(f.reason()).startsWith("HTTP " + status);
    }

    @ParameterizedTest(name = "Retry-After {0} -> {1}")
    @CsvSource({"7, PT7S", "0, PT0S", "soon, ", "'', "})
    void retryAfterInSecondsIsHonouredAndNonsenseIgnored(String value, Duration expected) {
        Failure f = Failure.of(http(429, "", Map.of("Retry-After", value)));
        assertThat(f.retryable()).isTrue();
        assertThat(f.retryAfter()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void ioErrorsAndTimeoutsAreRetriedAndProgrammingErrorsAreNot() {
        assertThat(Failure.of(new SocketTimeoutException("Read timed out")).retryable()).isTrue();
        assertThat(Failure.of(new IOException("Connection refused")).retryable()).isTrue();
        assertThat(Failure.of(new java.util.concurrent.TimeoutException("no answer")).retryable()).isTrue();
        assertThat(Failure.of(new IllegalArgumentException("mapping x failed")).retryable()).isFalse();
        assertThat(Failure.of(http(422, "{}", Map.of("Retry-After", "5"))).retryAfter())
                .as("a permanent answer's Retry-After means nothing").isNull();
    }
}
