package dev.sluice.kernel.limit;

import dev.sluice.kernel.state.Scope;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A rate limit per minute, over a sliding 60-second window.
 *
 * @param scope what is counted per: key, team or model
 * @param id the one value limited, or empty for every value separately
 * @param rpm requests per minute, if limited
 * @param tpm tokens (prompt plus completion) per minute, if limited
 */
public record LimitRule(Scope scope, Optional<String> id, OptionalLong rpm, OptionalLong tpm) {
}
