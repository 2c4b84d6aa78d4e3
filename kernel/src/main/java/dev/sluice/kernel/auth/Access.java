package dev.sluice.kernel.auth;

import dev.sluice.spi.AttributeKey;
import dev.sluice.spi.Caller;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.InboundApi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may make model calls: with {@code auth.mode: required}, every call needs a virtual key,
 * taken from {@code Authorization: Bearer} (OpenAI API) or {@code x-api-key} /
 * {@code Authorization: Bearer} (Anthropic API). The key then decides the caller's team,
 * project, user and tags, whatever the {@code x-sluice-*} headers say.
 */
public final class Access {
    /** The virtual key a call was made with. */
    public static final AttributeKey<VirtualKey> KEY = AttributeKey.of("auth.key", VirtualKey.class);

    private final AuthConfig config;
    private final KeyStore keys;
    private final Clock clock;

    public Access(AuthConfig config, KeyStore keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    /** Whether calls need a key. */
    public boolean required() {
        return config.mode() == AuthConfig.Mode.REQUIRED;
    }

    /**
     * The caller's key when keys are required; empty when they are not. Throws
     * {@link ErrorType#AUTHENTICATION} with code {@code invalid_api_key} for a missing, unknown,
     * revoked or expired key. Messages never repeat the key.
     *
     * @param headers request headers by lower-case name
     */
    public Optional<VirtualKey> authenticate(InboundApi api, Function<String, Optional<String>> headers) {
        if (!required()) {
            return Optional.empty();
        }
        Optional<String> presented = presented(api, headers);
        if (presented.isEmpty()) {
            throw denied(api == InboundApi.ANTHROPIC
                    ? "no API key: send a Sluice virtual key in x-api-key or Authorization: Bearer"
                    : "no API key: send a Sluice virtual key in the Authorization header, as Bearer sk-sluice-…");
        }
        VirtualKey key = keys.byHash(ApiKeys.hash(presented.get()))
                .orElseThrow(() -> denied("invalid API key: this is not a key this gateway issued"));
        if (key.revoked()) {
            throw denied("this API key (" + key.id() + ") has been revoked");
        }
        if (key.expiredAt(clock.instant())) {
            throw denied("this API key (" + key.id() + ") expired at " + key.expiresAt().orElseThrow());
        }
        return Optional.of(key);
    }

    /** Fills the exchange's caller from the key and remembers the key for later steps. */
    public static void bind(Exchange exchange, Optional<VirtualKey> key) {
        if (key.isEmpty()) {
            return;
        }
        exchange.caller(callerOf(key.get(), exchange.caller()));
        exchange.attribute(KEY, key.get());
    }

    /**
     * The caller of a keyed call: key id, team and project from the key only (headers cannot move
     * a call to another team); the user from the key, else from the request; the session from the
     * request; the key's tags plus the request's.
     */
    static Caller callerOf(VirtualKey key, Caller requested) {
        List<String> tags = new ArrayList<>(key.tags());
        requested.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        return new Caller(Optional.of(key.id()), key.team(), key.project(), key.user().or(requested::user),
                requested.session(), tags);
    }

    private static Optional<String> presented(InboundApi api, Function<String, Optional<String>> headers) {
        Optional<String> bearer = headers.apply("authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim()).filter(k -> !k.isEmpty());
        if (api == InboundApi.ANTHROPIC) {
            return headers.apply("x-api-key").map(String::trim).filter(k -> !k.isEmpty()).or(() -> bearer);
        }
        return bearer;
    }

    private static GatewayException denied(String message) {
        return new GatewayException(ErrorType.AUTHENTICATION, message).withCode("invalid_api_key");
    }

    /** Whether the admin API accepts this {@code Authorization} (or {@code x-api-key}) header value. */
    public boolean isMaster(Optional<String> authorization) {
        if (config.masterKey().isEmpty() || authorization.isEmpty()) {
            return false;
        }
        String value = authorization.get().trim();
        if (value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            value = value.substring(7).trim();
        }
        return ApiKeys.same(value, config.masterKey().get());
    }

    /** Whether a master key is configured. */
    public boolean hasMasterKey() {
        return config.masterKey().isPresent();
    }

    /** The keys. */
    public KeyStore keys() {
        return keys;
    }
}
