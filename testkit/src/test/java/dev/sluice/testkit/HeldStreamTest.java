package dev.sluice.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate proves a client sees the first chunk while the upstream is provably unfinished:
 * the same check the gateway's end-to-end tests make through the gateway.
 */
class HeldStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void deliversTheFirstChunkBeforeTheGateIsReleased() throws InterruptedException {
        try (FakeOpenAi upstream = FakeOpenAi.start(); SseClient client = new SseClient()) {
            StreamGate gate = upstream.holdStreamAfterFirstChunk();

            try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                    TestRequests.streamingChat("gpt-4o", false), Map.of())) {
                SseEvent role = stream.next(WAIT);
                SseEvent firstContent = stream.next(WAIT);

                assertThat(gate.awaitHeld(WAIT)).isTrue();
                assertThat(gate.heldStreams()).isEqualTo(1);
                assertThat(role.json().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
                assertThat(firstContent.json().at("/choices/0/delta/content").asText()).isEqualTo("Hello");
                // Nothing more may come while the upstream is held.
                assertThat(stream.poll(Duration.ofMillis(300))).isEmpty();
                assertThat(upstream.completedStreams()).isZero();

                gate.release();

                List<SseEvent> rest = stream.readToEnd(WAIT);
                assertThat(rest).last().matches(SseEvent::isDone);
                assertThat(rest.get(0).receivedAtNanos()).isGreaterThan(firstContent.receivedAtNanos());
            }
            assertThat(upstream.awaitCompletedStreams(1, WAIT)).isTrue();
            assertThat(gate.isReleased()).isTrue();
        }
    }

    @Test
    void resetReleasesAHeldStream() throws InterruptedException {
        try (FakeOpenAi upstream = FakeOpenAi.start(); SseClient client = new SseClient()) {
            StreamGate gate = upstream.holdStreamAfterFirstChunk();
            try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                    TestRequests.streamingChat("gpt-4o", false), Map.of())) {
                assertThat(gate.awaitHeld(WAIT)).isTrue();

                upstream.reset();

                assertThat(gate.isReleased()).isTrue();
                assertThat(stream.readToEnd(WAIT)).last().matches(SseEvent::isDone);
            }
        }
    }
}
