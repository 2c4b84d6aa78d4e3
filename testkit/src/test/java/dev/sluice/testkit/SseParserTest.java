package dev.sluice.testkit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The client-side SSE parser, independent of any server. */
class SseParserTest {

    @Test
    void parsesOpenAiStyleEvents() {
        List<SseEvent> events = parse("data: {\"a\":1}\n\ndata: [DONE]\n\n");

        assertThat(events).extracting(SseEvent::data).containsExactly("{\"a\":1}", "[DONE]");
        assertThat(events).extracting(SseEvent::raw).containsExactly("data: {\"a\":1}\n\n", "data: [DONE]\n\n");
    }

    @Test
    void handlesCrLfAndCrLineEndings() {
        assertThat(parse("data: x\r\n\r\ndata: y\r\rdata: z\n\n"))
                .extracting(SseEvent::data).containsExactly("x", "y", "z");
        assertThat(parse("data: x\r\n\r\n").get(0).raw()).isEqualTo("data: x\r\n\r\n");
    }

    @Test
    void joinsMultiLineDataAndReadsOtherFields() {
        SseEvent event = parse(": keep-alive\nevent: message_start\nid: 7\ndata: one\ndata:two\n\n").get(0);

        assertThat(event.event()).isEqualTo("message_start");
        assertThat(event.id()).isEqualTo("7");
        assertThat(event.data()).isEqualTo("one\ntwo");
    }

    @Test
    void ignoresBlocksWithoutDataAndUnterminatedEvents() {
        assertThat(parse(": ping\n\nevent: x\n\ndata: cut off")).isEmpty();
    }

    @Test
    void givesTheSameEventsWhateverTheReadBoundaries() {
        String stream = "data: {\"content\":\"héllo 👋\"}\r\n\r\ndata: second\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> whole = parse(stream);

        for (int split = 1; split < bytes.length; split++) {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add);
            parser.feed(bytes, 0, split);
            parser.feed(bytes, split, bytes.length - split);
            parser.finish();
            assertThat(events).extracting(SseEvent::data).isEqualTo(whole.stream().map(SseEvent::data).toList());
            assertThat(events).extracting(SseEvent::raw).isEqualTo(whole.stream().map(SseEvent::raw).toList());
        }
        assertThat(whole.get(0).data()).isEqualTo("{\"content\":\"héllo 👋\"}");
    }

    private static List<SseEvent> parse(String text) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
        parser.finish();
        return events;
    }
}
