package dev.sluice.kernel.js;

import java.util.List;
import java.util.Optional;

/**
 * What {@code onRequest()} did to a probe's request.
 *
 * @param rejected whether it rejected the request
 * @param status the rejection's status
 * @param message the rejection's message
 * @param requestJson the request as it would continue (unchanged when nothing changed)
 * @param changed whether the request was changed
 * @param tags the tags it added to the caller
 * @param logs what it logged
 */
public record RequestVerdict(boolean rejected, Optional<Integer> status, Optional<String> message, String requestJson,
        boolean changed, List<String> tags, List<String> logs) {
    public RequestVerdict {
        tags = List.copyOf(tags);
        logs = List.copyOf(logs);
    }
}
