package dev.sluice.plugins.azure;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.provider.HttpSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of one {@code azure-openai} provider entry, read and checked once at configuration
 * load.
 *
 * @param endpoint the resource URL without a trailing slash, e.g.
 *     {@code https://my-resource.openai.azure.com}
 * @param apiVersion the {@code api-version} query parameter, or {@link #V1} for the v1 API
 * @param auth the {@code api-key} or {@code Authorization} header, if not given in {@code headers}
 * @param deployments model name → deployment name; unmapped models are their own deployment
 * @param headers extra headers sent with every request (they win over the defaults)
 * @param options how the HTTP client connects
 * @param streamUsage whether streams always ask for {@code stream_options.include_usage}
 * @param models the model names listed in {@code /v1/models}
 * @param secrets values that must never appear in an error message
 */
record AzureConfig(URI endpoint, String apiVersion, Optional<Map.Entry<String, String>> auth,
        Map<String, String> deployments, Map<String, String> headers, UpstreamOptions options, boolean streamUsage,
        List<String> models, List<String> secrets) {

    /** The {@code api_version} value that selects the v1 API ({@code /openai/v1/…}, no api-version). */
    static final String V1 = "v1";

    /** The latest generally available dated API version of the inference API. */
    static final String DEFAULT_API_VERSION = "2024-10-21";

    /** The first API version with {@code stream_options} (added in 2024-09-01-preview). */
    private static final String FIRST_WITH_STREAM_USAGE = "2024-09-01";

    private static final Pattern DATED_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

    /** Azure allows letters, digits, '-', '_' and '.' in deployment names, up to 64 characters. */
    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    AzureConfig {
        deployments = Map.copyOf(deployments);
        headers = Map.copyOf(headers);
        models = List.copyOf(models);
        secrets = List.copyOf(secrets);
    }

    /** Whether requests go to the v1 API. */
    boolean v1() {
        return apiVersion.equals(V1);
    }

    /** Whether a name can be a deployment in a URL path: Azure's characters, and no dot segment. */
    static boolean isDeploymentName(String name) {
        return DEPLOYMENT.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** Reads every accepted key; anything else stays unread and is reported by the kernel. */
    static AzureConfig read(Settings settings) {
        if (settings.has("base_url")) {
            throw settings.error("base_url", "is not a setting of azure-openai: write the resource URL as endpoint "
                    + "(e.g. https://my-resource.openai.azure.com); the /openai/... paths are added per request");
        }
        String endpoint = endpoint(settings);
        HttpSettings http = HttpSettings.read(settings, endpoint);
        Optional<String> adToken = settings.string("azure_ad_token").filter(s -> !s.isBlank());
        if (http.apiKey().isPresent() && adToken.isPresent()) {
            throw settings.error("azure_ad_token", "set either api_key or azure_ad_token, not both");
        }
        if (http.keys().size() > 1) {
            // Azure limits each deployment, whatever the key: a second key of a resource buys nothing.
            throw settings.error("api_keys", "is not supported for azure-openai: Azure's limits apply per deployment, "
                    + "not per key; use one api_key and another target for more capacity");
        }
        Optional<Map.Entry<String, String>> auth = http.apiKey().map(key -> Map.entry("api-key", key))
                .or(() -> adToken.map(token -> Map.entry("Authorization", "Bearer " + token)));
        if (auth.isEmpty() && !http.headers().containsKey("api-key") && !http.headers().containsKey("Authorization")) {
            throw settings.error("api_key", "required: set api_key (sent as api-key) or azure_ad_token "
                    + "(sent as Authorization: Bearer)");
        }
        String apiVersion = apiVersion(settings);
        boolean streamUsage = settings.bool("stream_usage").orElse(
                apiVersion.equals(V1) || apiVersion.compareTo(FIRST_WITH_STREAM_USAGE) >= 0);
        Map<String, String> deployments = deployments(settings);
        List<String> models = http.models().isEmpty() ? List.copyOf(deployments.keySet()) : http.models();
        List<String> secrets = new ArrayList<>(http.secrets());
        adToken.ifPresent(secrets::add);
        return new AzureConfig(http.baseUrl(), apiVersion, auth, deployments, http.headers(), http.options(),
                streamUsage, models, secrets);
    }

    private static String endpoint(Settings settings) {
        String text = settings.requireString("endpoint").trim();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // The value stays out of the message: it may carry credentials.
            throw invalidEndpoint(settings);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw invalidEndpoint(settings);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/openai") || path.endsWith("/openai/v1") || path.contains("/openai/deployments")) {
            throw settings.error("endpoint", "is the resource URL without the /openai/... path "
                    + "(e.g. https://my-resource.openai.azure.com); set api_version: v1 for the v1 API");
        }
        return text;
    }

    private static ConfigException invalidEndpoint(Settings settings) {
        return settings.error("endpoint", "expected an http:// or https:// URL without query, "
                + "such as https://my-resource.openai.azure.com");
    }

    private static String apiVersion(Settings settings) {
        String version = settings.string("api_version").map(String::trim).orElse(DEFAULT_API_VERSION);
        if (!version.equals(V1) && !DATED_VERSION.matcher(version).matches()) {
            throw settings.error("api_version", "expected v1 or a dated version such as " + DEFAULT_API_VERSION
                    + " or 2025-04-01-preview, got \"" + version + "\"");
        }
        return version;
    }

    private static Map<String, String> deployments(Settings settings) {
        Map<String, String> deployments = new LinkedHashMap<>();
        settings.child("deployments").ifPresent(child -> {
            for (String model : child.keys()) {
                String deployment = child.string(model).map(String::trim).orElse("");
                if (!isDeploymentName(deployment)) {
                    throw child.error(model, "expected a deployment name (letters, digits, '-', '_' and '.', "
                            + "at most 64), got \"" + deployment + "\"");
                }
                deployments.put(model, deployment);
            }
        });
        return deployments;
    }
}
