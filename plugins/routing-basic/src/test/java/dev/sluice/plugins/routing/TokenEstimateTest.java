package dev.sluice.plugins.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.ContentPart;
import dev.sluice.spi.model.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenEstimateTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void promptTokensAreTheMessagesCharactersOverFourRoundedUp() {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.of("system", "12345678"), Message.of("user", "1")));

        assertThat(TokenEstimate.of(request, 0).input()).isEqualTo(3);
    }

    @Test
    void textPartsCountAsText() {
        Message parts = new Message("user", Content.of(ContentPart.text("1234"), ContentPart.image("https://x/y.png")),
                null, null, null, null, Map.of());

        assertThat(TokenEstimate.of(ChatRequest.of("chat", List.of(parts)), 0).input()).isEqualTo(1);
    }

    @Test
    void outputTokensAreTheRequestsCap() {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.of("user", "hi"))).withMaxTokens(64);

        assertThat(TokenEstimate.of(request, 500).output()).isEqualTo(64);
    }

    @Test
    void outputTokensAreTheDefaultWithoutACap() {
        assertThat(TokenEstimate.of(ChatRequest.of("chat", List.of(Message.of("user", "hi"))), 500).output())
                .isEqualTo(500);
    }

    @Test
    void outputTokensCountEveryRequestedChoice() {
        ChatRequest one = ChatRequest.of("chat", List.of(Message.of("user", "hi"))).withMaxTokens(100);
        ChatRequest three = new ChatRequest("chat", one.messages(), null, null, null, null, null, null, null, null,
                null, 100, null, 3, null, null, null, null, Map.of());

        assertThat(TokenEstimate.of(three, 500).output()).isEqualTo(300);
    }

    @Test
    void embeddingInputsAreTextOverFourOrTokenIdsOneEach() {
        ArrayNode texts = NODES.arrayNode().add("12345").add("1234");
        ArrayNode ids = NODES.arrayNode().add(NODES.arrayNode().add(1).add(2)).add(NODES.arrayNode().add(3));

        assertThat(TokenEstimate.of(Exchanges.embeddings(texts).request(), 500)).isEqualTo(new TokenEstimate(3, 0));
        assertThat(TokenEstimate.of(Exchanges.embeddings(ids).request(), 500)).isEqualTo(new TokenEstimate(3, 0));
    }
}
