package dev.sluice.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;

/**
 * OpenAI's error bodies, {@code {"error":{"message","type","param","code"}}}, with the type,
 * code and wording api.openai.com actually uses for each situation (taken from captured
 * responses, e.g. an invalid key is {@code invalid_request_error}/{@code invalid_api_key},
 * not {@code authentication_error}; a rate limit has type {@code requests} or {@code tokens}).
 */
final class OpenAiErrors {

    private OpenAiErrors() {
    }

    /** One error answer: HTTP status plus the four fields of the error object. */
    record ApiError(int status, String message, String type, String param, String code) {

        ObjectNode body() {
            ObjectNode root = OpenAiJson.MAPPER.createObjectNode();
            ObjectNode error = root.putObject("error");
            error.put("message", message);
            error.put("type", type);
            if (param == null) {
                error.putNull("param");
            } else {
                error.put("param", param);
            }
            if (code == null) {
                error.putNull("code");
            } else {
                error.put("code", code);
            }
            return root;
        }
    }

    /** The error OpenAI would send for an injected failure with this status. */
    static ApiError forStatus(int status, String model, Duration retryAfter) {
        String shownModel = model == null ? "gpt-4o" : model;
        return switch (status) {
            case 400 -> new ApiError(status, "Invalid request.", "invalid_request_error", null, null);
            case 401 -> incorrectApiKey("sk-fake-upstream-key");
            case 403 -> new ApiError(status, "Country, region, or territory not supported",
                    "request_forbidden", null, "unsupported_country_region_territory");
            case 404 -> new ApiError(status, "The model `" + shownModel
                    + "` does not exist or you do not have access to it.",
                    "invalid_request_error", null, "model_not_found");
            case 429 -> new ApiError(status, "Rate limit reached for " + shownModel
                    + " in organization org-fakeupstream on requests per min (RPM): Limit 3, Used 3, Requested 1."
                    + " Please try again in " + seconds(retryAfter) + "."
                    + " Visit https://platform.openai.com/account/rate-limits to learn more.",
                    "requests", null, "rate_limit_exceeded");
            case 500 -> new ApiError(status,
                    "The server had an error while processing your request. Sorry about that!",
                    "server_error", null, null);
            case 503 -> new ApiError(status, "That model is currently overloaded with other requests."
                    + " You can retry your request, or contact us through our help center at help.openai.com"
                    + " if the error persists.", "server_error", null, null);
            default -> status >= 500
                    ? new ApiError(status, "The server had an error while processing your request.",
                            "server_error", null, null)
                    : new ApiError(status, "Request failed with status " + status + ".",
                            "invalid_request_error", null, null);
        };
    }

    static ApiError incorrectApiKey(String given) {
        return new ApiError(401, "Incorrect API key provided: " + mask(given)
                + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error", null, "invalid_api_key");
    }

    static ApiError missingApiKey() {
        return new ApiError(401, "You didn't provide an API key. You need to provide your API key in an"
                + " Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
                + " You can obtain an API key from https://platform.openai.com/account/api-keys.",
                "invalid_request_error", null, null);
    }

    static ApiError invalidJson() {
        return new ApiError(400, "We could not parse the JSON body of your request. (HINT: This likely means"
                + " you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but"
                + " what was sent was not valid JSON.)", "invalid_request_error", null, null);
    }

    static ApiError missingModel() {
        return new ApiError(400, "you must provide a model parameter", "invalid_request_error", null, null);
    }

    static ApiError missingParameter(String name) {
        return new ApiError(400, "Missing required parameter: '" + name + "'.", "invalid_request_error",
                name, "missing_required_parameter");
    }

    static ApiError invalidUrl(String method, String path) {
        return new ApiError(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
    }

    /** Shows a key the way OpenAI does: a few leading characters, stars, the last four. */
    private static String mask(String key) {
        if (key.length() <= 8) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
    }

    private static String seconds(Duration retryAfter) {
        if (retryAfter == null) {
            return "20s";
        }
        return retryAfter.toMillis() < 1000 ? retryAfter.toMillis() + "ms" : retryAfter.toMillis() / 1000.0 + "s";
    }
}
