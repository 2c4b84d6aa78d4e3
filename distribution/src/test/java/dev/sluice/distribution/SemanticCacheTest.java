package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache through real HTTP, with the {@code cache-semantic} plugin and its in-process
 * embedding model: a reworded question is served the stored answer, with its similarity; a
 * different question is not; and a user never gets another user's answer, however close.
 */
class SemanticCacheTest {
    private static FakeOpenAi openai;
    private static RunningGateway gateway;
    private static SseClient client;

    @BeforeAll
    static void start() {
        openai = FakeOpenAi.start().reply("Use the reset link on the sign-in page.").usage(20, 9);
        gateway = RunningGateway.start("""
                cache:
                  stores: [ { type: semantic } ]
                providers:
                  - { name: openai, type: openai, base_url: "%s", api_key: sk-semantic-test }
                models:
                  - { name: help, targets: [ { provider: openai, model: gpt-4o-mini } ] }
                """.formatted(openai.baseUrl()));
        client = new SseClient(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        openai.close();
    }

    private static HttpResult ask(String text, String user) {
        return client.postJson(gateway.url("/v1/chat/completions"), "{\"model\":\"help\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You answer account questions.\"},"
                + "{\"role\":\"user\",\"content\":\"" + text + "\"}]}", Map.of("x-sluice-user", user));
    }

    @Test
    void aRewordedQuestionIsServedTheStoredAnswerWithItsSimilarity() {
        int before = openai.requestCount();

        HttpResult first = ask("How do I reset my password?", "ada");
        HttpResult reworded = ask("how do i reset my password", "ada");

        assertThat(first.header("x-sluice-cache")).contains("miss");
        assertThat(reworded.header("x-sluice-cache")).contains("hit");
        assertThat(Double.parseDouble(reworded.header("x-sluice-cache-similarity").orElseThrow()))
                .isBetween(0.93, 1.0);
        assertThat(openai.requestCount() - before).isEqualTo(1);
    }

    @Test
    void aDifferentQuestionOnTheSameTopicIsNotServed() {
        ask("How do I change my email address?", "bob");
        int before = openai.requestCount();

        HttpResult other = ask("How do I change my postal address?", "bob");

        assertThat(other.header("x-sluice-cache")).contains("miss");
        assertThat(openai.requestCount() - before).isEqualTo(1);
    }

    @Test
    void anotherUsersCloseQuestionIsNeverServedTheFirstUsersAnswer() {
        ask("Can I get an invoice for last month?", "carol");
        int before = openai.requestCount();

        HttpResult dave = ask("can i get an invoice for last month", "dave");
        HttpResult carol = ask("can i get an invoice for last month", "carol");

        assertThat(dave.header("x-sluice-cache")).contains("miss");
        assertThat(carol.header("x-sluice-cache")).contains("hit");
        assertThat(openai.requestCount() - before).isEqualTo(1);
    }
}
