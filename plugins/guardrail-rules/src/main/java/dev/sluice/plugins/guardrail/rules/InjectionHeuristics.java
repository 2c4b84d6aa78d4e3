package dev.sluice.plugins.guardrail.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The phrases of known prompt-injection attempts, one pattern per heuristic, each named by the id
 * that appears in its findings' rule ({@code injection:<id>}). The patterns are written to be
 * linear (bounded gaps, no nested repetition) and are matched ignoring case, Unicode-aware. Every
 * alternative of a pattern starts with one of the heuristic's trigger words, which is what lets
 * {@link PhraseScanner} try a pattern only where a trigger word occurs instead of at every
 * position of the text.
 *
 * <p>These are heuristics: they catch the well-known phrasings and their close variants, not a
 * determined attacker who paraphrases. Each was checked against a list of ordinary prompts that
 * talk about instructions, prompts and systems (see the module's tests).
 */
final class InjectionHeuristics {

    /**
     * One heuristic: its id, its pattern, and the words every match starts with (as
     * {@link WordMatcher} terms), so that the pattern is only tried where one of them occurs.
     */
    record Heuristic(String id, BoundedPattern pattern, List<String> triggers) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
            | Pattern.UNICODE_CHARACTER_CLASS;

    private static final String EARLIER = "(?:previous|prior|above|earlier|preceding|foregoing|former|original"
            + "|initial|old|existing)";
    private static final String ORDERS = "(?:instructions?|prompts?|directions|directives|rules|guidelines"
            + "|commands|orders|programming|guidance|constraints|policies)";
    private static final String LIMIT_WORDS = "restrictions?|limitations?|limits|filters?|filtering|censorship"
            + "|guidelines|rules|boundaries|constraints|safeguards";
    private static final String LIMITS = "(?:" + LIMIT_WORDS + ")";
    private static final String FR_ORDERS = "(?:instructions|consignes|directives|règles|ordres)";
    private static final String DE_EARLIER = "(?:vorherigen|vorigen|bisherigen|vorangegangenen|früheren|obigen"
            + "|ursprünglichen)";
    private static final String ES_ORDERS = "(?:instrucciones|indicaciones|órdenes|reglas|directrices)";
    private static final String ROLE_TAGS = "(?:system|sys|system_prompt|instructions?|admin|developer)";
    private static final String MORAL = "(?:(?:ethical|moral|content|safety|usual)\\s+)?";

    /** "Ignore (all) (the) previous instructions" and its variants. */
    static final Heuristic IGNORE_PREVIOUS = heuristic("ignore_previous_instructions",
            List.of("ignor*", "disregard*", "forget*", "neglect*", "abandon*"),
            "\\b(?:ignore|disregard|forget|neglect|abandon)\\s+"
                    + "(?:(?:all|any|every|each|of|the|your|my|these|those|such)\\s+){0,3}"
                    + "(?:" + EARLIER + "\\s+){1,2}(?:(?:system|safety|ai|chat|given|developer)\\s+)?"
                    + ORDERS + "\\b"
                    + "|\\b(?:ignore|disregard|forget)\\s+(?:everything|anything|all)\\s+"
                    + "(?:(?:you\\s+(?:were|have\\s+been)\\s+told|(?:that\\s+)?(?:was\\s+)?(?:said|written|stated))\\s+)?"
                    + "(?:above|previously|before\\s+this|until\\s+now|so\\s+far)\\b");

    /** "Disregard the system prompt", "ignore your instructions", "bypass your safeguards". */
    static final Heuristic OVERRIDE_SYSTEM = heuristic("override_system_prompt",
            List.of("ignor*", "disregard*", "forget*", "override*", "bypass*", "circumvent*"),
            "\\b(?:ignore|disregard|forget|override|bypass|circumvent)\\s+(?:all\\s+(?:of\\s+)?)?"
                    + "(?:your\\s+(?:(?:system|developer|original|initial|hidden|safety|core|content)\\s+)?"
                    + "(?:prompt|instructions|guidelines|rules|programming|directives|restrictions|safeguards"
                    + "|guardrails|filters|policies|system\\s+(?:prompt|message))"
                    + "|the\\s+(?:system|developer)\\s+(?:prompt|message|instructions))\\b");

    /** "Reveal your system prompt", "what is your system prompt", "repeat the words above". */
    static final Heuristic REVEAL_PROMPT = heuristic("reveal_system_prompt",
            List.of("reveal*", "show*", "print*", "display*", "output*", "repeat*", "leak*", "dump*",
            "disclose*", "expose*", "recite*", "share*", "tell*", "give*", "write*", "spell*", "what*"),
            "(?<!(?:\\bnot|\\bnever|n't|n’t)\\s{1,3})"
                    + "\\b(?:reveal|show|print|display|output|repeat|leak|dump|disclose|expose|recite|share"
                    + "|tell\\s+me|give\\s+me|write\\s+out|spell\\s+out)\\s+(?:me\\s+|us\\s+)?"
                    + "(?:(?:all|exactly|verbatim)\\s+)?(?:your|the)\\s+"
                    + "(?:(?:full|entire|complete|exact|original|hidden|initial|secret|confidential|internal"
                    + "|verbatim)\\s+){0,2}"
                    + "(?:system\\s+(?:prompt|message|instructions?)"
                    + "|(?:hidden|initial|original|secret|internal|confidential|developer)\\s+(?:prompt|instructions|rules)"
                    + "|pre-?prompt|instructions\\s+(?:you\\s+were\\s+given|above))\\b"
                    + "(?!\\s+(?:format|template|syntax|field|parameter|example|structure|setting|option|variable"
                    + "|api)s?\\b)"
                    + "|\\bwhat\\s+(?:is|was|are|were)\\s+your\\s+(?:(?:full|exact|original|initial|hidden|secret)\\s+)?"
                    + "(?:system\\s+(?:prompt|message)|(?:initial|hidden|original|secret)\\s+(?:instructions|prompt))\\b"
                    + "|\\brepeat\\s+(?:all\\s+|everything\\s+|the\\s+(?:text|words|lines|sentences)\\s+)"
                    + "(?:above|before\\s+this)\\b");

    /** "You are now DAN", "DAN mode", "do anything now", "you are an unfiltered AI". */
    static final Heuristic PERSONA = heuristic("persona_jailbreak",
            List.of("you", "act*", "pretend*", "roleplay*", "dan*", "jailbr*", "do", "enable*", "activate*",
            "enter*", "switch*"),
            "\\byou\\s+are\\s+(?:now|going\\s+to\\s+(?:be|act\\s+as))\\s+(?-i:DAN|STAN|DUDE|AIM)\\b"
                    + "|\\b(?:act|acting|pretend|roleplay)\\s+(?:to\\s+be|as)\\s+(?-i:DAN|STAN|DUDE)\\b"
                    + "|\\b(?:(?-i:DAN)|jailbreak|jailbroken)\\s+mode\\b"
                    + "|\\bdo\\s+anything\\s+now\\b"
                    + "|\\byou\\s+are\\s+(?:now\\s+)?(?:an?\\s+)?(?:unrestricted|unfiltered|uncensored|jailbroken"
                    + "|unaligned|unchained|amoral)\\s+(?:ai|assistant|model|chatbot|bot|language\\s+model|llm"
                    + "|version)\\b"
                    + "|\\b(?:enable|activate|enter|switch\\s+to)\\s+(?:(?-i:DAN)|jailbreak|unrestricted|unfiltered)"
                    + "\\s+mode\\b"
                    + "|\\byou\\s+are\\s+(?:now\\s+)?in\\s+developer\\s+mode\\b");

    /** "Act as … without restrictions", "pretend you have no rules". */
    static final Heuristic NO_RESTRICTIONS = heuristic("no_restrictions",
            List.of("act*", "behave*", "respond*", "answer*", "reply*", "operate*", "roleplay*", "role-play*",
            "pretend*", "you"),
            "\\b(?:act|behave|respond|answer|reply|operate|roleplay|role-play)\\s+(?:as\\s+)?[^.!?\\n]{0,60}?"
                    + "\\b(?:without|with\\s+no|free\\s+(?:of|from))\\s+(?:any\\s+|all\\s+)?" + MORAL + LIMITS + "\\b"
                    + "(?!\\s+(?:on|for|of|in|to|about|around|regarding)\\b)"
                    + "|\\bpretend\\s+(?:that\\s+)?(?:you\\s+(?:have|are\\s+under|are\\s+bound\\s+by)|there\\s+are)\\s+no\\s+"
                    + MORAL + LIMITS + "\\b"
                    + "|\\byou\\s+(?:have|are\\s+bound\\s+by|must\\s+follow)\\s+no\\s+" + MORAL + LIMITS + "\\b"
                    + "|\\byou\\s+are\\s+(?:now\\s+)?(?:freed|free|released|liberated)\\s+from\\s+(?:all\\s+)?"
                    + "(?:of\\s+)?(?:your\\s+)?" + MORAL + "(?:" + LIMIT_WORDS + "|programming)\\b");

    /**
     * Chat-template markers and fake role tags that try to close or open a system turn. A tag
     * glued to a word is a generic type ({@code List<System>}), not a tag; a closing tag always is.
     */
    static final Heuristic FAKE_TAG = heuristic("fake_role_tag",
            List.of("<", "["),
            "(?:(?<![\\w<])<|<\\s*/)\\s*" + ROLE_TAGS + "\\s*>"
                    + "|<\\|\\s*(?:im_start|im_end|system|endoftext|start_header_id|end_header_id|eot_id"
                    + "|begin_of_text)\\s*\\|>"
                    + "|\\[/?INST\\]"
                    + "|<<\\s*/?\\s*SYS\\s*>>");

    /** French: "ignore(z) les instructions précédentes", "oublie toutes tes instructions". */
    static final Heuristic IGNORE_PREVIOUS_FR = heuristic("ignore_previous_instructions_fr",
            List.of("ignor*", "oubli*", "ne"),
            "\\b(?:ignore[zr]?|oublie[zr]?|ne\\s+(?:tiens|tenez)\\s+pas\\s+compte\\s+(?:de\\s+|des\\s+|d['’]\\s*))\\s*"
                    + "(?:(?:(?:toutes?|tous|les|ces)\\s+){0,2}" + FR_ORDERS
                    + "\\s+(?:précédentes|antérieures|ci-dessus|initiales|d['’]origine)"
                    + "|(?:toutes\\s+)?(?:tes|vos)\\s+" + FR_ORDERS + ")\\b");

    /** German: "Ignoriere alle vorherigen Anweisungen", "Vergiss deine Anweisungen". */
    static final Heuristic IGNORE_PREVIOUS_DE = heuristic("ignore_previous_instructions_de",
            List.of("ignor*", "vergiss*", "vergessen*", "missacht*"),
            "\\b(?:ignorier(?:e|en|t)?|vergiss|vergessen|missachte|missachten)\\s+(?:sie\\s+)?(?:bitte\\s+)?"
                    + "(?:(?:alle|sämtliche|die)\\s+){0,2}"
                    + "(?:(?:deine|ihre|eure)\\s+(?:" + DE_EARLIER + "\\s+)?|" + DE_EARLIER + "\\s+)"
                    + "(?:Anweisungen|Instruktionen|Anordnungen|Befehle|Vorgaben|Regeln)\\b");

    /** Spanish: "ignora todas las instrucciones anteriores", "olvida tus instrucciones". */
    static final Heuristic IGNORE_PREVIOUS_ES = heuristic("ignore_previous_instructions_es",
            List.of("ignor*", "olvid*", "descart*", "omit*"),
            "\\b(?:ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|olviden|descarta|omite)\\s+"
                    + "(?:(?:(?:todas|todos|las|los)\\s+){0,2}" + ES_ORDERS
                    + "\\s+(?:anteriores|previas|precedentes|iniciales|originales)"
                    + "|(?:todas\\s+)?(?:tus|sus)\\s+" + ES_ORDERS + ")\\b");

    /** Every phrase heuristic (base64-encoded instructions are found by decoding, then these). */
    static final List<Heuristic> PHRASES = List.of(IGNORE_PREVIOUS, OVERRIDE_SYSTEM, REVEAL_PROMPT, PERSONA,
            NO_RESTRICTIONS, FAKE_TAG, IGNORE_PREVIOUS_FR, IGNORE_PREVIOUS_DE, IGNORE_PREVIOUS_ES);

    /** The id of findings about base64 text that decodes to one of the phrases. */
    static final String BASE64 = "base64_instructions";

    private InjectionHeuristics() {
    }

    private static Heuristic heuristic(String id, List<String> triggers, String regex) {
        return new Heuristic(id, new BoundedPattern(Pattern.compile(regex, FLAGS)), triggers);
    }
}
