package dev.sluice.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Server-sent events read as they arrive, whatever sizes the bytes arrive in. */
class SseReaderTest {

    /** Hands out at most {@code step} bytes per read and records what each read asked for. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final int step;
        final List<Integer> asked = new ArrayList<>();

        Trickle(String text, int step) {
            this.in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            this.step = step;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            asked.add(len);
            return in.read(b, off, Math.min(len, step));
        }
    }

    private static List<SseEvent> all(InputStream in) {
        SseReader reader = new SseReader(in);
        List<SseEvent> events = new ArrayList<>();
        for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
            events.add(e.get());
        }
        return events;
    }

    @Test
    void eventsSplitAcrossReadsOfAnySizeComeOutWhole() {
        String text = "event: message_start\ndata: {\"a\":1}\n\n: ping\n\ndata: line one\r\ndata: line two\r\n\r\n"
                + "data:no space\rdata: [DONE]\n\n";
        for (int step : new int[] {1, 2, 3, 7, 64, 100_000}) {
            List<SseEvent> events = all(new Trickle(text, step));
            assertThat(events).as("read %d bytes at a time", step).containsExactly(
                    new SseEvent("message_start", "{\"a\":1}"),
                    new SseEvent("message", "line one\nline two"),
                    new SseEvent("message", "no space\n[DONE]"));
        }
    }

    @Test
    void aLastEventWithoutItsBlankLineStillCounts() {
        assertThat(all(new Trickle("data: tail", 4))).containsExactly(new SseEvent("message", "tail"));
    }

    @Test
    void readsAskForAboutWhatArrives() {
        String small = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n".repeat(50);
        Trickle frames = new Trickle(small, 60);
        assertThat(all(frames)).hasSize(50);
        assertThat(frames.asked.get(frames.asked.size() - 1)).as("small events shrink the reads").isEqualTo(512);

        String big = "data: " + "x".repeat(100_000) + "\n\n";
        Trickle bulk = new Trickle(big, 100_000);
        assertThat(all(bulk)).singleElement().satisfies(e -> assertThat(e.data()).hasSize(100_000));
        assertThat(bulk.asked).as("full reads grow them to the buffer's size").contains(8192);
    }
}
