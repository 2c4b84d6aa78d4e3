package dev.sluice.kernel.guardrail;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Inspection.Stage;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The output checks of one complete answer: each choice's text goes through every output check
 * in order; a block replaces the answer with a refusal naming the check and rule; a retry asks the
 * model once more (through {@code again}) with the finding's message appended, and checks that
 * answer too (a second retry blocks); redactions and restored placeholders change the text.
 */
final class AnswerGuard {
    private final List<GuardedCheck> checks;
    private final Redactions redactions;

    AnswerGuard(List<GuardedCheck> checks, Redactions redactions) {
        this.checks = checks.stream().filter(c -> c.on(Stage.OUTPUT)).toList();
        this.redactions = redactions;
    }

    /**
     * The answer as the client may see it.
     *
     * @param again runs the call once more with another request, for a retry; empty when not allowed
     */
    ChatResponse guard(Exchange exchange, ChatRequest request, ChatResponse answer,
            Optional<Function<ChatRequest, ChatResponse>> again) {
        if (answer.choices() == null) {
            return answer;
        }
        List<Choice> choices = new ArrayList<>();
        boolean changed = false;
        for (Choice choice : answer.choices()) {
            Message message = choice.message();
            if (message == null || message.content() == null) {
                choices.add(choice);
                continue;
            }
            String text = message.text();
            for (GuardedCheck check : checks) {
                Verdict v = check.apply(exchange, Stage.OUTPUT, text, "assistant", request, redactions);
                if (v.retries() && again.isPresent()) {
                    ChatRequest retry = request.withMessages(retryMessages(request, text, v.decisive().get()));
                    return guard(exchange, request, again.get().apply(retry), Optional.empty());
                }
                if (v.blocks() || v.retries()) {
                    return refusal(answer, check.name(), v.decisive().get());
                }
                text = v.text();
            }
            text = redactions.restore(text);
            if (!text.equals(message.text())) {
                changed = true;
                choices.add(new Choice(choice.index(), message.withContent(Content.text(text)), choice.finishReason(),
                        choice.logprobs(), choice.extra()));
            } else {
                choices.add(choice);
            }
        }
        return changed ? new ChatResponse(answer.id(), answer.object(), answer.created(), answer.model(), choices,
                answer.usage(), answer.systemFingerprint(), answer.extra()) : answer;
    }

    private static List<Message> retryMessages(ChatRequest request, String rejected, Finding finding) {
        List<Message> messages = new ArrayList<>(request.messages());
        messages.add(Message.of("assistant", rejected));
        messages.add(Message.of("user", finding.detail()));
        return messages;
    }

    /** What a blocked answer becomes: a refusal, finished as filtered content. */
    static ChatResponse refusal(ChatResponse answer, String check, Finding finding) {
        String text = refusalText(check, finding);
        Message message = new Message("assistant", Content.text(text), null, null, null, text, Map.of());
        return new ChatResponse(answer.id(), answer.object() == null ? "chat.completion" : answer.object(),
                answer.created(), answer.model(), List.of(new Choice(0, message, "content_filter", null, Map.of())),
                answer.usage(), answer.systemFingerprint(), Map.of());
    }

    static String refusalText(String check, Finding finding) {
        return "The answer was withheld: guardrail " + check + " blocked it (rule " + finding.rule() + ")."
                + (finding.detail().isBlank() ? "" : " " + finding.detail());
    }
}
