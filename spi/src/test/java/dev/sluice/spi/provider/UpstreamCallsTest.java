package dev.sluice.spi.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class UpstreamCallsTest {
    private static final UpstreamErrors ERRORS = new UpstreamErrors("acme", List.of(), Clock.systemUTC());
    private static final UpstreamRequest REQUEST = UpstreamRequest.post(URI.create("http://127.0.0.1:1/chat"),
            Map.of(), new byte[0]);

    /** An answer with a status, a content type and a body, that records being closed. */
    private record Answer(int status, String type, String content, AtomicBoolean closed) implements UpstreamResponse {
        Answer(int status, String type, String content) {
            this(status, type, content, new AtomicBoolean());
        }

        @Override
        public Optional<String> header(String name) {
            return name.equalsIgnoreCase("content-type") ? Optional.of(type) : Optional.empty();
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** Calls that always get {@code answer}, whose non-2xx answers the test translates itself. */
    private static UpstreamCalls calls(Answer answer) {
        return new UpstreamCalls(request -> answer, ERRORS,
                res -> new UpstreamException(res.status(), false, "own translation of " + res.status(), null, null));
    }

    private static String failure(ThrowingCallable call) {
        return catchThrowableOfType(UpstreamException.class, call).getMessage();
    }

    @Test
    void aNonSuccessAnswerIsReadByTheGivenTranslator() {
        Answer answer = new Answer(429, "application/json", "{\"error\": {\"message\": \"slow down\"}}");

        assertThat(failure(() -> calls(answer).body(answer))).isEqualTo("own translation of 429");
    }

    @Test
    void aRefusedStreamIsReadByTheGivenTranslatorAndClosed() {
        Answer answer = new Answer(503, "application/json", "{}");

        assertThat(failure(() -> calls(answer).openStream(REQUEST))).isEqualTo("own translation of 503");
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void jsonInsteadOfAStreamIsStillTheSharedTranslatorsFailure() {
        Answer answer = new Answer(200, "application/json", "{\"error\": \"no streams here\"}");

        assertThat(failure(() -> calls(answer).openStream(REQUEST)))
                .isEqualTo("provider 'acme' answered a stream request with an error: no streams here");
    }

    @Test
    void withoutATranslatorTheSharedOneReadsTheAnswer() {
        Answer answer = new Answer(400, "application/json", "{\"error\": {\"message\": \"bad model\"}}");

        assertThat(failure(() -> new UpstreamCalls(request -> answer, ERRORS).body(answer)))
                .isEqualTo("provider 'acme' answered HTTP 400: bad model");
    }
}
