package dev.sluice.plugins.azure;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a model's requests go. With a dated {@code api_version} the deployment is part of the
 * path, {@code {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…}; with
 * {@code v1} the path is fixed, {@code {endpoint}/openai/v1/chat/completions}, and the deployment
 * travels as the body's {@code model}. Either way the body's {@code model} is the deployment, as
 * Azure's own SDKs send it.
 */
final class AzureTargets {
    private final AzureConfig config;
    private final Map<String, Target> known = new ConcurrentHashMap<>();

    /**
     * The URIs of one deployment.
     *
     * @param deployment the deployment name, sent as the body's {@code model}
     * @param chat the chat completions URI
     * @param embeddings the embeddings URI
     */
    record Target(String deployment, URI chat, URI embeddings) {
    }

    AzureTargets(AzureConfig config) {
        this.config = config;
    }

    /**
     * The target of a model: its configured deployment, else the model name itself.
     *
     * @throws GatewayException when the name cannot be a deployment (it would leave the path)
     */
    Target of(String model) {
        String name = model == null ? "" : model;
        Target target = known.get(name);
        if (target != null) {
            return target;
        }
        String deployment = config.deployments().getOrDefault(name, name);
        if (!AzureConfig.isDeploymentName(deployment)) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "model '" + model + "' is not an Azure deployment "
                    + "name (letters, digits, '-', '_' and '.'); map it to one under deployments").withParam("model");
        }
        target = new Target(deployment, uri(deployment, "/chat/completions"), uri(deployment, "/embeddings"));
        // Bounded by what clients send: only names that pass the check above are remembered.
        if (known.size() < 1024) {
            known.put(name, target);
        }
        return target;
    }

    private URI uri(String deployment, String operation) {
        if (config.v1()) {
            return URI.create(config.endpoint() + "/openai/v1" + operation);
        }
        return URI.create(config.endpoint() + "/openai/deployments/" + deployment + operation + "?api-version="
                + config.apiVersion());
    }
}
