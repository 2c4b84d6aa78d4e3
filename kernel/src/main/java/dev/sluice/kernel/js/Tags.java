package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tags policies add: to the caller (which budgets, audit and cost records key by) and, while the
 * response has not started, to the {@code x-sluice-policy-tags} response header.
 */
final class Tags {
    /** The response header that lists the tags policies added. */
    static final String HEADER = "x-sluice-policy-tags";
    private static final int MAX_TAGS = 32;
    private static final int MAX_LENGTH = 100;

    private Tags() {
    }

    /** A hook's {@code tags}: a list of short non-empty strings, or nothing. */
    static List<String> parse(JsonNode node, String hook, String file) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_TAGS) {
            throw new PolicyException(PolicyException.Kind.BAD_RESULT, file,
                    hook + " returned tags " + node + "; they must be a list of at most " + MAX_TAGS + " strings");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node) {
            if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().length() > MAX_LENGTH
                    || tag.asText().contains(",")) {
                throw new PolicyException(PolicyException.Kind.BAD_RESULT, file, hook + " returned the tag " + tag
                        + "; a tag is a non-empty string of at most " + MAX_LENGTH + " characters without commas");
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    /** Adds tags to the caller, and to the response header when {@code header} is true. */
    static void add(Exchange exchange, List<String> tags, boolean header) {
        if (tags.isEmpty()) {
            return;
        }
        Caller caller = exchange.caller();
        Set<String> merged = new LinkedHashSet<>(caller.tags());
        merged.addAll(tags);
        exchange.caller(caller.withTags(List.copyOf(merged)));
        if (header) {
            Set<String> listed = new LinkedHashSet<>();
            String previous = exchange.responseHeaders().get(HEADER);
            if (previous != null) {
                listed.addAll(List.of(previous.split(",")));
            }
            listed.addAll(tags);
            exchange.responseHeader(HEADER, String.join(",", listed));
        }
    }
}
