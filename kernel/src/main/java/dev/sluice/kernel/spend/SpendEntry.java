package dev.sluice.kernel.spend;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One served call, as the spend ledger counts it.
 *
 * @param at when the request arrived
 * @param key the virtual key's id
 * @param team the team
 * @param project the project
 * @param user the end user
 * @param session the session
 * @param tags the tags
 * @param model the model the client asked for
 * @param cost the cost in nano-dollars, empty when unknown (no price, no usage)
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param latencyMillis from arrival to the end of the answer
 */
public record SpendEntry(Instant at, Optional<String> key, Optional<String> team, Optional<String> project,
        Optional<String> user, Optional<String> session, List<String> tags, String model, OptionalLong cost,
        long promptTokens, long completionTokens, long latencyMillis) {

    public SpendEntry {
        tags = List.copyOf(tags);
    }
}
