package dev.sluice.plugins.guardrail.pii;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Finding.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Reads a {@code pii} check's settings, rejecting anything it does not understand:
 * <pre>{@code
 * action: redact                      # block | redact | flag; default redact
 * types: [email, phone, credit_card]  # detectors to run; default all
 * actions: { private_key: block }     # per-detector action; high_entropy defaults to flag
 * allow: [support@example.com, "/.*@example\\.org/"]  # literals, or /regular expressions/
 * }</pre>
 */
final class PiiSettings {
    static final Action DEFAULT_ACTION = Action.REDACT;
    private static final Set<Action> ALLOWED = EnumSet.of(Action.BLOCK, Action.REDACT, Action.FLAG);
    /** Kinds whose action does not follow {@code action} unless set under {@code actions}. */
    private static final Map<Kind, Action> OWN_DEFAULTS = Map.of(Kind.HIGH_ENTROPY, Action.FLAG);

    private PiiSettings() {
    }

    static PiiCheck read(Settings settings) {
        Action action = settings.string("action").map(v -> action(settings, "action", v)).orElse(DEFAULT_ACTION);
        Set<Kind> kinds = kinds(settings);
        Map<Kind, Action> actions = new EnumMap<>(Kind.class);
        for (Kind kind : kinds) {
            actions.put(kind, OWN_DEFAULTS.getOrDefault(kind, action));
        }
        settings.child("actions").ifPresent(own -> {
            for (String key : own.keys()) {
                Kind kind = Kind.byRule(key).orElseThrow(() -> own.error(key, "unknown detector; expected one of "
                        + names()));
                if (!kinds.contains(kind)) {
                    throw own.error(key, "the detector is not in types, so it has no action to set");
                }
                actions.put(kind, action(own, key, own.string(key).orElse("")));
            }
        });
        List<Detector> detectors = kinds.stream().sorted().map(PiiSettings::detector).toList();
        return new PiiCheck(detectors, actions, allow(settings));
    }

    private static Set<Kind> kinds(Settings settings) {
        if (!settings.has("types")) {
            return EnumSet.allOf(Kind.class);
        }
        List<String> names = settings.strings("types");
        if (names.isEmpty()) {
            throw settings.error("types", "lists no detector; leave it out to run them all, or name some of "
                    + names());
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int index = i;
            kinds.add(Kind.byRule(name).orElseThrow(() -> entryError(settings, "types", index,
                    "unknown detector \"" + name + "\"; expected some of " + names())));
        }
        return kinds;
    }

    private static AllowList allow(Settings settings) {
        Set<String> literals = new LinkedHashSet<>();
        List<Pattern> patterns = new ArrayList<>();
        List<String> entries = settings.strings("allow");
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            if (entry.isEmpty()) {
                throw entryError(settings, "allow", i, "is empty");
            }
            if (entry.length() >= 2 && entry.startsWith("/") && entry.endsWith("/")) {
                String source = entry.substring(1, entry.length() - 1);
                if (source.isEmpty()) {
                    throw entryError(settings, "allow", i, "is an empty regular expression");
                }
                try {
                    patterns.add(Pattern.compile(source));
                } catch (PatternSyntaxException e) {
                    throw entryError(settings, "allow", i, "not a valid regular expression: " + e.getDescription()
                            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                }
            } else {
                literals.add(entry);
            }
        }
        return literals.isEmpty() && patterns.isEmpty() ? AllowList.NONE : new AllowList(literals, patterns);
    }

    /** An error about one entry of a list, named {@code key[index]} as the kernel names them. */
    private static ConfigException entryError(Settings settings, String key, int index, String problem) {
        return new ConfigException(settings.locationOf(key), settings.pathOf(key) + "[" + index + "]", problem);
    }

    private static Action action(Settings settings, String key, String value) {
        return ALLOWED.stream().filter(a -> a.name().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> settings.error(key, "expected block, redact or flag, got \"" + value + "\""));
    }

    private static String names() {
        return Arrays.stream(Kind.values()).map(Kind::rule).collect(Collectors.joining(", "));
    }

    static Detector detector(Kind kind) {
        return switch (kind) {
            case PRIVATE_KEY -> new PrivateKeyDetector();
            case JWT -> new JwtDetector();
            case API_KEY -> new ApiKeyDetector();
            case IBAN -> new IbanDetector();
            case CREDIT_CARD -> new CreditCardDetector();
            case SSN -> new SsnDetector();
            case EMAIL -> new EmailDetector();
            case IP_ADDRESS -> new IpAddressDetector();
            case PHONE -> new PhoneDetector();
            case HIGH_ENTROPY -> new HighEntropyDetector();
        };
    }
}
