package dev.sluice.kernel.auth;

import dev.sluice.kernel.budget.BudgetCap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A virtual key as stored: never the key itself, only its SHA-256 hash and a short prefix to
 * recognise it by, with what the key may do and who it speaks for.
 *
 * @param id the key's id ({@code key_…}), used in the admin API, spend reports and logs
 * @param hash the hex SHA-256 of the key
 * @param prefix the key's first characters, for display ({@code sk-sluice-AbCd})
 * @param name a label for people
 * @param team the team every call with the key is counted to
 * @param project the project
 * @param user the end user; when empty, clients may name one per request
 * @param tags tags added to every call
 * @param models the models the key may call; empty for all
 * @param budgets the key's own spend caps (scope {@code key})
 * @param sessionBudget a hard cap for each session ({@code x-sluice-session}) called with the key, in nano-dollars
 * @param rpm the key's requests per minute
 * @param tpm the key's tokens per minute
 * @param createdAt when it was issued
 * @param expiresAt when it stops working
 * @param revokedAt when it was revoked
 */
public record VirtualKey(String id, String hash, String prefix, String name, Optional<String> team,
        Optional<String> project, Optional<String> user, List<String> tags, List<String> models,
        List<BudgetCap> budgets, OptionalLong sessionBudget, OptionalLong rpm, OptionalLong tpm, Instant createdAt,
        Optional<Instant> expiresAt, Optional<Instant> revokedAt) {

    public VirtualKey {
        tags = List.copyOf(tags);
        models = List.copyOf(models);
        budgets = List.copyOf(budgets);
    }

    /** Whether the key has been revoked. */
    public boolean revoked() {
        return revokedAt.isPresent();
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt.filter(at -> !at.isAfter(now)).isPresent();
    }

    /** Whether the key may call {@code model}. */
    public boolean allows(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** A copy revoked at {@code at}. */
    public VirtualKey revokedAt(Instant at) {
        return new VirtualKey(id, hash, prefix, name, team, project, user, tags, models, budgets, sessionBudget, rpm,
                tpm, createdAt, expiresAt, Optional.of(at));
    }
}
