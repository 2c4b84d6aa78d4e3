package dev.sluice.plugins.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Embedding;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.Usage;
import dev.sluice.spi.provider.ConfiguredProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One configured mock provider. Everything it answers follows from the request alone (apart from
 * the id counter and the clock), so tests can assert on exact answers.
 */
final class MockProvider extends ConfiguredProvider {
    /** The vector size when the request names none. */
    static final int DEFAULT_DIMENSIONS = 8;
    /** A bound that keeps a demo provider from being made to allocate without limit. */
    static final int MAX_DIMENSIONS = 4096;
    /** The per-message overhead of the prompt estimate, as OpenAI's chat format adds a few tokens per message. */
    private static final int TOKENS_PER_MESSAGE = 4;

    private final MockConfig config;
    private final Clock clock;
    private final AtomicLong completions = new AtomicLong();

    MockProvider(String name, MockConfig config, Clock clock) {
        super(name, config.models(), clock);
        this.config = config;
        this.clock = clock;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        MockCompletion completion = complete(request);
        MockChunkStream.pause(config.latency(), name());
        return completion.response();
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        // Decided before returning, so that an /error trigger fails before the stream starts and can fail over.
        MockCompletion completion = complete(request);
        // Usage is always sent, as the Provider contract asks; the kernel drops it for clients that did not ask.
        return new MockChunkStream(completion.chunks(true, config.latency(), config.chunkDelay()),
                name());
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        List<String> inputs = inputs(request);
        int dimensions = dimensions(request);
        for (String input : inputs) {
            ErrorTrigger.in(input, name()).ifPresent(failure -> {
                throw failure;
            });
        }
        MockChunkStream.pause(config.latency(), name());
        List<Embedding> data = new ArrayList<>();
        int words = 0;
        for (int i = 0; i < inputs.size(); i++) {
            data.add(Embedding.of(i, MockVectors.of(inputs.get(i), dimensions), request.base64()));
            words += TextPieces.wordCount(inputs.get(i));
        }
        return new EmbeddingResponse("list", data, request.model(), Usage.of(words, 0), Map.of());
    }

    private MockCompletion complete(ChatRequest request) {
        MockReply reply = MockReply.to(request, name());
        long n = completions.incrementAndGet();
        Usage usage = Usage.of(promptTokens(request.messagesOrEmpty()), reply.completionTokens());
        return new MockCompletion("chatcmpl-mock-" + n, "call_mock_" + n, clock.instant().getEpochSecond(),
                request.model(), reply, usage);
    }

    /** A deterministic prompt estimate: the words of every message plus a fixed overhead per message. */
    static int promptTokens(List<Message> messages) {
        int tokens = 0;
        for (Message message : messages) {
            tokens += TextPieces.wordCount(message.text()) + TOKENS_PER_MESSAGE;
        }
        return tokens;
    }

    /** The inputs as texts; token-id inputs are embedded by their JSON text. */
    private static List<String> inputs(EmbeddingRequest request) {
        List<String> texts = request.texts();
        if (!texts.isEmpty()) {
            return texts;
        }
        JsonNode input = request.input();
        if (input == null || input.isMissingNode() || input.isNull() || (input.isArray() && input.isEmpty())) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "'input' must not be empty").withParam("input");
        }
        List<String> out = new ArrayList<>();
        if (input.isArray() && input.get(0).isArray()) {
            input.forEach(item -> out.add(item.toString()));
        } else {
            out.add(input.toString());
        }
        return out;
    }

    private static int dimensions(EmbeddingRequest request) {
        int dimensions = request.dimensions() == null ? DEFAULT_DIMENSIONS : request.dimensions();
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new GatewayException(ErrorType.INVALID_REQUEST,
                    "'dimensions' must be between 1 and " + MAX_DIMENSIONS).withParam("dimensions");
        }
        return dimensions;
    }
}
