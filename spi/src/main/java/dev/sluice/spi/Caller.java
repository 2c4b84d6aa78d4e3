package dev.sluice.spi;

import java.util.List;
import java.util.Optional;

/**
 * Who is calling: the identity and metadata that budgets, rate limits, cache scopes and audit
 * records are keyed by. Filled from the virtual key (once authentication exists) and from the
 * {@code x-sluice-*} request headers and the OpenAI {@code user} field.
 *
 * @param keyId the id of the virtual key used, if any (never the key itself)
 * @param team the team
 * @param project the project
 * @param user the end user
 * @param session the agent session or trace id ({@code x-sluice-session})
 * @param tags free-form tags ({@code x-sluice-tags}, comma-separated)
 */
public record Caller(Optional<String> keyId, Optional<String> team, Optional<String> project, Optional<String> user,
        Optional<String> session, List<String> tags) {

    /** A caller nothing is known about. */
    public static final Caller ANONYMOUS = new Caller(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of());

    public Caller {
        tags = List.copyOf(tags);
    }

    /** A copy with the key id set. */
    public Caller withKeyId(String id) {
        return new Caller(Optional.ofNullable(id), team, project, user, session, tags);
    }

    /** A copy with the team set. */
    public Caller withTeam(String value) {
        return new Caller(keyId, Optional.ofNullable(value), project, user, session, tags);
    }

    /** A copy with the project set. */
    public Caller withProject(String value) {
        return new Caller(keyId, team, Optional.ofNullable(value), user, session, tags);
    }

    /** A copy with the user set. */
    public Caller withUser(String value) {
        return new Caller(keyId, team, project, Optional.ofNullable(value), session, tags);
    }

    /** A copy with the session set. */
    public Caller withSession(String value) {
        return new Caller(keyId, team, project, user, Optional.ofNullable(value), tags);
    }

    /** A copy with other tags. */
    public Caller withTags(List<String> value) {
        return new Caller(keyId, team, project, user, session, value);
    }
}
