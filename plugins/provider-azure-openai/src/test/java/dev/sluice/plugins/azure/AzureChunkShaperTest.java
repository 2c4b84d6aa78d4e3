package dev.sluice.plugins.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AzureChunkShaperTest {
    private static final String PROMPT_FILTER = "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
            + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}";
    private static final String ROLE = "{\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"\","
            + "\"role\":\"assistant\"},\"finish_reason\":null,\"index\":0}],\"created\":1730011875,"
            + "\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"object\":\"chat.completion.chunk\"}";
    private static final String TEXT = "{\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null,\"index\":0}],"
            + "\"created\":1730011875,\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"object\":\"chat.completion.chunk\"}";
    private static final String ANNOTATION = "{\"id\":\"\",\"object\":\"\",\"created\":0,\"model\":\"\",\"choices\":"
            + "[{\"index\":0,\"finish_reason\":null,\"content_filter_results\":{\"hate\":{\"filtered\":false}}}]}";

    private final AzureChunkShaper shaper = new AzureChunkShaper();

    private static ChatChunk chunk(String json) {
        try {
            return Json.read(json, ChatChunk.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void chunkWithNeitherChoicesNorUsageIsHeldBack() {
        assertThat(shaper.shape(chunk(PROMPT_FILTER))).isEmpty();
    }

    @Test
    void heldPromptFilterResultsTravelWithTheNextChunk() {
        shaper.shape(chunk(PROMPT_FILTER));

        ChatChunk first = shaper.shape(chunk(ROLE)).orElseThrow();

        assertThat(first.id()).isEqualTo("chatcmpl-1");
        assertThat(first.extra().get("prompt_filter_results").get(0).get("prompt_index").asInt()).isZero();
        assertThat(first.choices().get(0).delta().role()).isEqualTo("assistant");
    }

    @Test
    void heldFieldsAreHandedOnOnlyOnce() {
        shaper.shape(chunk(PROMPT_FILTER));
        shaper.shape(chunk(ROLE));

        assertThat(shaper.shape(chunk(TEXT)).orElseThrow().extra()).doesNotContainKey("prompt_filter_results");
    }

    @Test
    void chunkThatNeedsNoChangeIsHandedOnAsTheSameObject() {
        ChatChunk text = chunk(TEXT);

        assertThat(shaper.shape(text)).containsSame(text);
    }

    @Test
    void annotationWithoutIdTakesTheStreamsIdentityAndAnEmptyDelta() {
        shaper.shape(chunk(ROLE));

        ChatChunk annotation = shaper.shape(chunk(ANNOTATION)).orElseThrow();

        assertThat(annotation.id()).isEqualTo("chatcmpl-1");
        assertThat(annotation.model()).isEqualTo("gpt-4o");
        assertThat(annotation.created()).isEqualTo(1730011875L);
        assertThat(annotation.object()).isEqualTo("chat.completion.chunk");
        assertThat(annotation.choices().get(0).delta()).isNotNull();
        assertThat(Json.string(annotation.choices().get(0).delta())).isEqualTo("{}");
        assertThat(annotation.choices().get(0).extra()).containsKey("content_filter_results");
    }

    @Test
    void usageOnlyChunkIsHandedOn() {
        ChatChunk usage = chunk("{\"choices\":[],\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"created\":1,"
                + "\"object\":\"chat.completion.chunk\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,"
                + "\"total_tokens\":3}}");

        assertThat(shaper.shape(usage)).containsSame(usage);
    }

    @Test
    void finishedOnlyOnceAChoiceHasAFinishReason() {
        shaper.shape(chunk(ROLE));
        assertThat(shaper.finished()).isFalse();

        shaper.shape(chunk(TEXT.replace("\"finish_reason\":null", "\"finish_reason\":\"stop\"")));

        assertThat(shaper.finished()).isTrue();
    }
}
