package dev.sluice.kernel.http;

import dev.sluice.spi.Caller;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The caller metadata clients send: {@code x-sluice-team}, {@code x-sluice-project},
 * {@code x-sluice-user}, {@code x-sluice-session}, {@code x-sluice-tags} (comma-separated), and the
 * OpenAI {@code user} field when no user header is present.
 */
final class CallerHeaders {
    static final HeaderName TEAM = HeaderNames.create("x-sluice-team");
    static final HeaderName PROJECT = HeaderNames.create("x-sluice-project");
    static final HeaderName USER = HeaderNames.create("x-sluice-user");
    static final HeaderName SESSION = HeaderNames.create("x-sluice-session");
    static final HeaderName TAGS = HeaderNames.create("x-sluice-tags");

    private CallerHeaders() {
    }

    static Caller from(ServerRequestHeaders headers, String userField) {
        Optional<String> user = headers.first(USER).or(() -> Optional.ofNullable(userField)).filter(s -> !s.isBlank());
        List<String> tags = headers.first(TAGS)
                .map(t -> Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        return new Caller(Optional.empty(), headers.first(TEAM), headers.first(PROJECT), user,
                headers.first(SESSION), tags);
    }
}
