package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wait a Gemini error asks for in its body rather than in a {@code Retry-After} header: a
 * {@code google.rpc.RetryInfo} entry of {@code error.details} whose {@code retryDelay} is a
 * protobuf {@code Duration} in its JSON form, decimal seconds with up to nine fractional digits
 * and an {@code s} ({@code "30s"}, {@code "45.837906927s"}).
 * <pre>{@code
 * {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
 *     {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "26s"}]}}
 * }</pre>
 */
final class GeminiRetryInfo {
    private static final String TYPE = "type.googleapis.com/google.rpc.RetryInfo";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(\\.\\d{1,9})?s");

    private GeminiRetryInfo() {
    }

    /** The delay of the first readable {@code RetryInfo} in an error object's details. */
    static Optional<Duration> of(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (TYPE.equals(detail.path("@type").asText())) {
                Optional<Duration> delay = parse(detail.path("retryDelay").asText(""));
                if (delay.isPresent()) {
                    return delay;
                }
            }
        }
        return Optional.empty();
    }

    /** A protobuf JSON duration such as {@code 30s} or {@code 1.5s}; empty when it is not one. */
    static Optional<Duration> parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)));
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Optional.of(Duration.ofSeconds(whole, nanos));
    }
}
