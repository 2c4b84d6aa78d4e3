package dev.sluice.kernel.guardrail;

import dev.sluice.kernel.stream.ReplayedStream;
import dev.sluice.kernel.stream.StreamAssembly;
import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Result;
import dev.sluice.spi.guardrail.Inspection.Stage;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.ContentPart;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code guardrail} step: the route's checks on the prompt before it goes on (each message's
 * text, in order; a block fails the request with 400 and {@code guardrail_blocked}, naming the
 * check and rule), and on the answer before the client sees it: complete answers directly,
 * streams held whole ({@code buffer}) or checked on a sliding window as they arrive
 * ({@code incremental}).
 */
final class GuardrailStep implements ChainStep {
    private final GuardrailConfig config;
    private final List<GuardedCheck> all;

    GuardrailStep(GuardrailConfig config, List<GuardedCheck> all) {
        this.config = config;
        this.all = List.copyOf(all);
    }

    private List<GuardedCheck> forRoute(String route) {
        List<String> names = config.routes().get(route);
        if (names == null) {
            return all;
        }
        return names.stream().flatMap(n -> all.stream().filter(c -> c.name().equals(n))).toList();
    }

    @Override
    public Result intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        if (!(exchange.request() instanceof ChatRequest request)) {
            return chain.proceed(exchange);
        }
        List<GuardedCheck> checks = forRoute(request.model());
        if (checks.isEmpty()) {
            return chain.proceed(exchange);
        }
        Redactions redactions = new Redactions();
        ChatRequest guarded = input(exchange, request, checks, redactions);
        if (guarded != request) {
            exchange.request(guarded);
        }
        Result result = chain.proceed(exchange);
        boolean output = checks.stream().anyMatch(c -> c.on(Stage.OUTPUT)) || redactions.restores();
        if (!output) {
            return result;
        }
        AnswerGuard answers = new AnswerGuard(checks, redactions);
        return switch (result) {
            case Result.Chat chat -> new Result.Chat(answers.guard(exchange, guarded, chat.response(),
                    Optional.of(retry -> again(chain, exchange, retry))));
            // Several choices interleave in one stream: only the buffered mode checks each of them.
            case Result.Stream stream -> new Result.Stream(config.streamMode() == GuardrailConfig.StreamMode.BUFFER
                    || (guarded.n() != null && guarded.n() > 1)
                    ? buffered(chain, exchange, guarded, stream.chunks(), answers)
                    : new IncrementalGuard(stream.chunks(), exchange, guarded, checks, redactions, config.window()));
            default -> result;
        };
    }

    private static ChatRequest input(Exchange exchange, ChatRequest request, List<GuardedCheck> checks,
            Redactions redactions) {
        List<GuardedCheck> inputs = checks.stream().filter(c -> c.on(Stage.INPUT)).toList();
        if (inputs.isEmpty() || request.messages() == null) {
            return request;
        }
        List<Message> messages = new ArrayList<>(request.messages().size());
        boolean changed = false;
        for (Message m : request.messages()) {
            Content content = m.content();
            if (content == null) {
                messages.add(m);
                continue;
            }
            Content checked;
            if (content.isParts()) {
                List<ContentPart> parts = new ArrayList<>();
                for (ContentPart p : content.parts()) {
                    parts.add(p.text() == null ? p : new ContentPart(p.type(),
                            text(exchange, request, inputs, redactions, p.text(), m.role()), p.imageUrl(), p.extra()));
                }
                checked = new Content(null, parts);
            } else {
                checked = Content.text(text(exchange, request, inputs, redactions, content.string(), m.role()));
            }
            changed |= !checked.equals(content);
            messages.add(checked.equals(content) ? m : m.withContent(checked));
        }
        return changed ? request.withMessages(messages) : request;
    }

    private static String text(Exchange exchange, ChatRequest request, List<GuardedCheck> checks,
            Redactions redactions, String text, String role) {
        String current = text;
        for (GuardedCheck check : checks) {
            Verdict v = check.apply(exchange, Stage.INPUT, current, role == null ? "user" : role, request, redactions);
            if (v.blocks()) {
                var f = v.decisive().get();
                throw new GatewayException(ErrorType.INVALID_REQUEST, "the request was blocked by guardrail "
                        + check.name() + " (rule " + f.rule() + ")" + (f.detail().isBlank() ? "" : ": " + f.detail()))
                        .withCode("guardrail_blocked");
            }
            current = v.text();
        }
        return current;
    }

    /** Runs the call again for a retry, adding its cost and usage to the first one's. */
    private static ChatResponse again(Chain chain, Exchange exchange, ChatRequest retry) {
        Optional<BigDecimal> cost = exchange.cost();
        Optional<Usage> usage = exchange.usage();
        exchange.request(retry);
        Result second = chain.again(exchange);
        ChatResponse answer = switch (second) {
            case Result.Chat chat -> chat.response();
            case Result.Stream stream -> drain(stream.chunks());
            default -> throw new GatewayException(ErrorType.INTERNAL, "a retried call gave no chat answer");
        };
        cost.ifPresent(first -> exchange.cost(exchange.cost().map(first::add).orElse(first)));
        usage.ifPresent(first -> exchange.usage(exchange.usage().map(u -> Usage.of(first.promptTokens()
                + u.promptTokens(), first.completionTokens() + u.completionTokens())).orElse(first)));
        return answer;
    }

    private static ChunkStream buffered(Chain chain, Exchange exchange, ChatRequest request, ChunkStream upstream,
            AnswerGuard answers) {
        Function<ChatRequest, ChatResponse> retry = r -> again(chain, exchange, r);
        return new ChunkStream() {
            private ChunkStream released;

            @Override
            public Optional<ChatChunk> next() {
                if (released == null) {
                    ChatResponse whole = drain(upstream);
                    released = new ReplayedStream(answers.guard(exchange, request, whole, Optional.of(retry)));
                }
                return released.next();
            }

            @Override
            public void close() {
                upstream.close();
            }
        };
    }

    /** Reads a stream to its end into the complete answer; its failures propagate. */
    static ChatResponse drain(ChunkStream stream) {
        StreamAssembly assembly = new StreamAssembly();
        try (stream) {
            for (Optional<ChatChunk> c = stream.next(); c.isPresent(); c = stream.next()) {
                assembly.add(c.get());
            }
        }
        return assembly.response();
    }
}
