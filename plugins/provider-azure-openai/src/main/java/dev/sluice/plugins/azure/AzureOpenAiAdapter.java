package dev.sluice.plugins.azure;

import dev.sluice.spi.provider.ProviderType;
import org.pf4j.Extension;

/**
 * The {@code azure-openai} provider type: chat completions (complete and streamed) and embeddings
 * from the deployments of an Azure OpenAI resource, through the dated API
 * ({@code /openai/deployments/{deployment}/…?api-version=…}) or the v1 API
 * ({@code /openai/v1/…}).
 *
 * <pre>{@code
 * providers:
 *   - name: azure
 *     type: azure-openai
 *     endpoint: https://my-resource.openai.azure.com
 *     api_key: ${AZURE_OPENAI_API_KEY}
 *     deployments: { gpt-4o: gpt4o-prod }
 * }</pre>
 */
@Extension
public class AzureOpenAiAdapter extends ProviderType {

    public AzureOpenAiAdapter() {
        super("azure-openai",
                (name, settings, context) -> new AzureProvider(name, AzureConfig.read(settings), context));
    }
}
