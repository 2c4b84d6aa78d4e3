package dev.sluice.kernel.metrics;

import java.util.Map;

/**
 * The {@code reason} label of a rejection, from the audit record's {@code error_type}: the
 * error's code when it has one ({@code rate_limit_exceeded}, {@code budget_exceeded},
 * {@code model_not_allowed}, …), else its kind ({@code authentication}, {@code invalid_request},
 * …). Codes that name the same cause are folded together; codes a policy chose are kept while
 * they are plain {@code snake_case} and few; anything else is {@code other}.
 */
final class RejectionReasons {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("invalid_api_key", "authentication"),
            Map.entry("rate_limit", "rate_limit_exceeded"),
            Map.entry("invalid_request_error", "invalid_request"),
            Map.entry("authentication_error", "authentication"),
            Map.entry("permission_error", "permission"),
            Map.entry("rate_limit_error", "rate_limit_exceeded"));

    private final LabelValues values;

    RejectionReasons(int limit) {
        this.values = new LabelValues(limit);
    }

    String of(String errorType) {
        if (errorType == null || errorType.isEmpty()) {
            return LabelValues.OTHER;
        }
        String reason = ALIASES.getOrDefault(errorType, errorType);
        return plain(reason) ? values.of(reason) : LabelValues.OTHER;
    }

    private static boolean plain(String value) {
        if (value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
