package dev.sluice.kernel.guardrail;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Inspection.Stage;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Output checks on a stream as it arrives. The answer's text is held back by a window: each new
 * piece is checked together with the window before it (the end of what was already sent), spans
 * found in the held-back text are redacted before they leave, and text older than the window is
 * released. A block stops the stream with an error event in the client's format; what had been
 * sent by then is logged and goes into the audit record's error. At the end, the held-back text
 * is checked as final ({@code complete}) and released. Only the first choice's text is checked;
 * other chunks (tool calls, the finish reason, usage) pass in order, after the text before them.
 */
final class IncrementalGuard implements ChunkStream {
    private static final Logger LOG = Logger.getLogger(IncrementalGuard.class.getName());

    private final ChunkStream inner;
    private final Exchange exchange;
    private final ChatRequest request;
    private final List<GuardedCheck> checks;
    private final Redactions redactions;
    private final int window;
    private final StringBuilder sent = new StringBuilder();
    private final StringBuilder held = new StringBuilder();
    private final Deque<ChatChunk> out = new ArrayDeque<>();
    private ChatChunk template;
    private boolean ended;

    IncrementalGuard(ChunkStream inner, Exchange exchange, ChatRequest request, List<GuardedCheck> checks,
            Redactions redactions, int window) {
        this.inner = inner;
        this.exchange = exchange;
        this.request = request;
        this.checks = checks.stream().filter(c -> c.on(Stage.OUTPUT)).toList();
        this.redactions = redactions;
        // Never release half a placeholder that is to be restored.
        this.window = Math.max(window, redactions.longest() + 1);
    }

    @Override
    public Optional<ChatChunk> next() {
        while (out.isEmpty()) {
            if (ended) {
                return Optional.empty();
            }
            Optional<ChatChunk> next = inner.next();
            if (next.isEmpty()) {
                release(true);
                ended = true;
                continue;
            }
            ChatChunk chunk = next.get();
            Optional<String> text = text(chunk);
            if (text.isPresent() && !text.get().isEmpty()) {
                template = chunk;
                held.append(text.get());
                release(false);
            } else {
                boolean closing = chunk.choices().isEmpty()
                        || chunk.choices().stream().anyMatch(c -> c.finishReason() != null);
                if (closing || (chunk.choices().stream().anyMatch(c -> c.delta() != null && c.delta().toolCalls() != null))) {
                    release(true);
                }
                out.add(chunk);
            }
        }
        return Optional.of(out.poll());
    }

    private static Optional<String> text(ChatChunk chunk) {
        if (chunk.choices().size() != 1) {
            return Optional.empty();
        }
        ChunkChoice c = chunk.choices().get(0);
        return c.delta() == null || c.delta().content() == null ? Optional.empty() : Optional.of(c.delta().text());
    }

    /** Checks the held text with the window before it, and releases what may go. */
    private void release(boolean last) {
        if (held.isEmpty() && !last) {
            return;
        }
        String context = sent.substring(Math.max(0, sent.length() - window));
        String pending = held.toString();
        int keep = last ? 0 : Math.min(pending.length(), window);
        for (GuardedCheck check : checks) {
            String text = context + pending;
            int from = context.length();
            int releasing = pending.length() - keep;
            Verdict v = check.apply(exchange, Stage.OUTPUT, text, "assistant", last, request, redactions, from,
                    f -> last ? !f.hasSpan() || f.end() > from : f.hasSpan() && f.start() >= from
                            && f.end() <= from + releasing);
            if (v.blocks() || v.retries()) {
                Finding f = v.decisive().get();
                LOG.info("request " + exchange.id() + ": guardrail " + check.name() + " stopped the stream (rule "
                        + f.rule() + ") after " + sent.length() + " characters had been sent");
                throw new GatewayException(ErrorType.INVALID_REQUEST, AnswerGuard.refusalText(check.name(), f)
                        + " The stream was stopped after " + sent.length() + " characters.")
                        .withCode("guardrail_blocked");
            }
            pending = v.text().substring(context.length());
            keep = last ? 0 : Math.min(pending.length(), window);
        }
        int cut = pending.length() - keep;
        // Do not cut through a placeholder: hold back from an unclosed '['.
        if (!last && cut > 0) {
            int open = pending.lastIndexOf('[', cut - 1);
            if (open >= 0) {
                int close = pending.indexOf(']', open);
                if (close < 0 || close >= cut) {
                    cut = open;
                }
            }
        }
        held.setLength(0);
        held.append(pending, Math.max(0, cut), pending.length());
        if (cut > 0) {
            String go = pending.substring(0, cut);
            sent.append(go);
            out.add(contentChunk(redactions.restore(go)));
        }
    }

    private ChatChunk contentChunk(String text) {
        ChatChunk t = template;
        Message delta = new Message(null, Content.text(text), null, null, null, null, Map.of());
        return new ChatChunk(t.id(), ChatChunk.OBJECT, t.created(), t.model(),
                List.of(new ChunkChoice(0, delta, null, null, Map.of())), null, t.systemFingerprint(), Map.of());
    }

    @Override
    public void close() {
        inner.close();
    }
}
