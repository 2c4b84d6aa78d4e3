package dev.sluice.spi.http;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, or {@code message} when absent
 * @param data the {@code data:} lines joined by {@code \n}
 */
public record SseEvent(String event, String data) {
}
