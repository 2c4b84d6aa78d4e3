package dev.sluice.kernel.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.Gateway;
import dev.sluice.kernel.Gateway.GatewayOptions;
import dev.sluice.kernel.GatewayRuntime;
import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.kernel.upstream.KernelContext;
import dev.sluice.spi.Caller;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.cost.CostBasis;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.StreamOptions;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel costs what its router answers: the test-echo provider (on the class path) reports
 * one prompt and one completion token, priced here at 3 and 15 dollars per million: 0.000018.
 */
class GatewayCostTest {
    private static final String PRICED = """
            providers: [{ name: e, type: test-echo }]
            models:
              - { name: echo, strategy: in-order, targets: [{ provider: e, model: m }] }
            pricing:
              models:
                - { type: test-echo, model: "*", input: 3, output: 15 }
            """;
    private static final String ASK = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    @TempDir
    Path work;

    private Gateway start(String yaml) throws IOException {
        Path file = work.resolve("sluice.yaml");
        Files.writeString(file, yaml);
        return Gateway.start(GatewayOptions.of(file).withPort(0).withHome(work).withEnv(name -> Optional.empty()));
    }

    private static String url(Gateway gateway, String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    private GatewayRuntime assemble(String yaml, KernelContext context) {
        return GatewayRuntime.assemble(ConfigReader.read(yaml, "sluice.yaml", work, name -> Optional.empty()),
                ExtensionCatalog.load(work.resolve("no-plugins")), context);
    }

    private static Exchange streamed(String model) {
        ChatRequest request = ChatRequest.of(model, List.of(Message.of("user", "ping"))).withStream(true)
                .withStreamOptions(new StreamOptions(true, Map.of()));
        return new Exchange("req-1", Operation.CHAT, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                h -> Optional.empty(), Instant.EPOCH, System.nanoTime());
    }

    @Test
    void aCompleteAnswerToAnOpenAiClientCarriesItsCost() throws IOException {
        try (Gateway gateway = start(PRICED); SseClient client = new SseClient()) {
            HttpResult result = client.postJson(url(gateway, "/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("x-sluice-cost-usd")).contains("0.000018");
            assertThat(result.header("x-sluice-cost")).isEmpty();
        }
    }

    @Test
    void aCompleteAnswerToAnAnthropicClientCarriesItsCost() throws IOException {
        try (Gateway gateway = start(PRICED); SseClient client = new SseClient()) {
            HttpResult result = client.postJson(url(gateway, "/v1/messages"),
                    "{\"model\":\"echo\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}",
                    Map.of());

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("x-sluice-cost-usd")).contains("0.000018");
        }
    }

    @Test
    void anUnpricedModelIsReportedInsteadOfCostingZero() throws IOException {
        try (Gateway gateway = start(PRICED.substring(0, PRICED.indexOf("pricing:")));
                SseClient client = new SseClient()) {
            HttpResult result = client.postJson(url(gateway, "/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("x-sluice-cost")).contains("unpriced");
            assertThat(result.header("x-sluice-cost-usd")).isEmpty();
        }
    }

    @Test
    void aStreamsCostLandsOnTheExchangeAsItsUsageChunkIsRelayed() {
        KernelContext context = new KernelContext(Clock.systemUTC(), name -> Optional.empty());
        GatewayRuntime runtime = assemble(PRICED, context);
        Exchange exchange = streamed("echo");

        Result result = runtime.handle(exchange);
        StreamTally tally = StreamTally.of(exchange);
        try (ChunkStream chunks = ((Result.Stream) result).chunks()) {
            for (Optional<ChatChunk> chunk = chunks.next(); chunk.isPresent(); chunk = chunks.next()) {
                tally.chunk(chunk.get());
            }
            tally.end();
        }

        assertThat(exchange.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.000018"));
        assertThat(exchange.attribute(CostBasis.KEY)).contains(CostBasis.REPORTED);
    }

    @Test
    void extensionsSeeThePricesOfTheConfigurationServingNow() {
        KernelContext context = new KernelContext(Clock.systemUTC(), name -> Optional.empty());
        assertThat(context.costs().price("e", "m")).isEmpty();

        assemble(PRICED, context);
        assertThat(context.costs().price("e", "m").orElseThrow().input()).isEqualByComparingTo("3");

        assemble(PRICED.replace("input: 3", "input: 2"), context);
        assertThat(context.costs().price("e", "m").orElseThrow().input()).isEqualByComparingTo("2");
    }

    @Test
    void checkNotesEveryTargetWithoutAPrice() {
        GatewayRuntime runtime = assemble(PRICED.substring(0, PRICED.indexOf("pricing:")),
                new KernelContext(Clock.systemUTC(), name -> Optional.empty()));

        assertThat(runtime.notes()).anySatisfy(note -> assertThat(note).startsWith("target e/m has no price"));
    }
}
