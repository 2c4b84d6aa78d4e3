package dev.sluice.spi.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {

    @Test
    void completeRequestsAcceptJsonAndStreamsAcceptEvents() {
        RequestHeaders headers = RequestHeaders.of(Map.of(), Map.of());

        assertThat(headers.complete()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Content-Type", "application/json", "Accept", "application/json"));
        assertThat(headers.stream()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Content-Type", "application/json", "Accept", "text/event-stream"));
    }

    @Test
    void ownHeadersAreAddedToBoth() {
        RequestHeaders headers = RequestHeaders.of(Map.of("x-api-key", "k-1"), Map.of());

        assertThat(headers.complete()).containsEntry("x-api-key", "k-1");
        assertThat(headers.stream()).containsEntry("x-api-key", "k-1");
    }

    @Test
    void configuredHeadersWinWhateverTheirCaseAndTheFirstSpellingStays() {
        RequestHeaders headers = RequestHeaders.of(Map.of("Authorization", "Bearer own"),
                Map.of("authorization", "Bearer configured", "accept", "application/x-ndjson"));

        assertThat(headers.complete()).containsEntry("Authorization", "Bearer configured")
                .containsEntry("Accept", "application/x-ndjson").hasSize(3);
    }

    @Test
    void ownHeadersWinOverTheContentHeaders() {
        RequestHeaders headers = RequestHeaders.of(Map.of("content-type", "application/json; charset=utf-8"), Map.of());

        assertThat(headers.stream()).containsEntry("Content-Type", "application/json; charset=utf-8").hasSize(2);
    }

    @Test
    void theMapsAreImmutableSoRequestsTakeThemWithoutACopy() {
        RequestHeaders headers = RequestHeaders.of(Map.of("x-api-key", "k-1"), Map.of("X-Team", "blue"));

        assertThat(Map.copyOf(headers.complete())).isSameAs(headers.complete());
        assertThat(Map.copyOf(headers.stream())).isSameAs(headers.stream());
    }
}
