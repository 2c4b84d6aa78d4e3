package dev.sluice.testkit;

import java.util.Map;

/** Request bodies shared by the tests, written out as JSON text the way a client would send them. */
final class TestRequests {

    static final Map<String, String> AUTH = Map.of("Authorization", "Bearer sk-test-key");

    private TestRequests() {
    }

    static String chat(String model) {
        return """
                {"model":"%s","messages":[{"role":"system","content":"Be brief."},\
                {"role":"user","content":"Say hello to the test"}]}""".formatted(model);
    }

    static String streamingChat(String model, boolean includeUsage) {
        String options = includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "";
        return """
                {"model":"%s","stream":true%s,"messages":[{"role":"user","content":"Say hello"}]}"""
                .formatted(model, options);
    }
}
