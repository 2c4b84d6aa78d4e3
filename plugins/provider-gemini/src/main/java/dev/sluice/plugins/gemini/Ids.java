package dev.sluice.plugins.gemini;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The ids Gemini does not send and OpenAI clients need: a completion id when the answer has no
 * {@code responseId}, and a tool call id when a {@code functionCall} has no {@code id}.
 */
interface Ids {
    String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A completion id such as {@code chatcmpl-…}. */
    String completionId();

    /** A tool call id such as {@code call_…}. */
    String callId();

    /** Random ids in OpenAI's shapes; safe for concurrent use. */
    static Ids random() {
        return new Ids() {
            @Override
            public String completionId() {
                return "chatcmpl-" + randomText(29);
            }

            @Override
            public String callId() {
                return "call_" + randomText(24);
            }
        };
    }

    private static String randomText(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
