package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.Inspection;
import java.util.BitSet;
import java.util.List;

/**
 * Topics recognised by their keywords: a topic is found when at least {@code min_matches} of its
 * distinct keywords occur in the text (whole words, any case). The finding
 * {@code topic:<name>} of type {@code TOPIC} is about the whole text.
 */
final class TopicRule implements TextRule {
    private static final String TYPE = "TOPIC";

    /**
     * One topic.
     *
     * @param keywords the indices of its keywords in the rule's keyword list
     */
    record Topic(String name, BitSet keywords, int minMatches, Action action) {
    }

    private final WordMatcher keywords;
    private final List<Topic> topics;

    /**
     * @param keywords a matcher over the distinct keywords of every topic
     */
    TopicRule(WordMatcher keywords, List<Topic> topics) {
        this.keywords = keywords;
        this.topics = List.copyOf(topics);
    }

    @Override
    public void inspect(Inspection inspection, List<Finding> findings) {
        BitSet seen = new BitSet();
        for (WordMatcher.Match m : keywords.findAll(inspection.text())) {
            seen.set(m.term());
        }
        if (seen.isEmpty()) {
            return;
        }
        for (Topic t : topics) {
            BitSet hit = (BitSet) t.keywords().clone();
            hit.and(seen);
            int count = hit.cardinality();
            if (count >= t.minMatches()) {
                findings.add(Finding.whole("topic:" + t.name(), TYPE, t.action(), "the text is about a restricted topic ("
                        + t.name() + ": " + count + " of " + t.keywords().cardinality() + " keywords)"));
            }
        }
    }
}
