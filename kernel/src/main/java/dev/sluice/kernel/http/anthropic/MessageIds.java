package dev.sluice.kernel.http.anthropic;

/** Anthropic message ids start with {@code msg_}; other providers' ids are kept behind it. */
final class MessageIds {
    private MessageIds() {
    }

    static String of(String upstreamId, String fallback) {
        String id = upstreamId == null || upstreamId.isBlank() ? fallback : upstreamId;
        return id.startsWith("msg_") ? id : "msg_" + id;
    }
}
