package dev.sluice.kernel.js;

import java.util.List;

/**
 * What {@code onResponse()} made of a response.
 *
 * @param tags the tags it added to the caller
 * @param logs what it logged
 */
public record ResponseVerdict(List<String> tags, List<String> logs) {
    public ResponseVerdict {
        tags = List.copyOf(tags);
        logs = List.copyOf(logs);
    }
}
