package dev.sluice.kernel.js;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns a policy file into the source pooled contexts evaluate: a strict-mode function whose body
 * is the file and which returns the file's hooks. Calling it runs the file's top level again, so
 * every call gets fresh module state and nothing one request leaves behind reaches the next.
 *
 * <p>{@code export} in front of a declaration is blanked out (replaced by spaces, so that every
 * line and column stays where it was); the wrapper's head shares the first line, so columns of
 * the first line are corrected in messages.
 */
final class PolicySources {
    static final String HEAD = "(function(){\"use strict\";";
    private static final String TAIL = "\n;return {route: typeof route === \"function\" ? route : undefined,"
            + " onRequest: typeof onRequest === \"function\" ? onRequest : undefined,"
            + " onResponse: typeof onResponse === \"function\" ? onResponse : undefined};})";
    private static final Pattern EXPORT_DECLARATION =
            Pattern.compile("(?m)^([ \\t]*)export(\\s+(?:async\\s+)?(?:function|const|let|var|class)\\b)");
    private static final Pattern EXPORT_LIST = Pattern.compile("(?m)^[ \\t]*export\\s*\\{[^}]*}\\s*;?");
    private static final Pattern UNSUPPORTED = Pattern.compile("(?m)^[ \\t]*(import\\b|export\\s+default\\b|export\\s*\\*)");

    private PolicySources() {
    }

    /** The wrapped source; throws for syntax the wrapper cannot take ({@code import}, default exports). */
    static Source wrap(String name, String text) {
        return wrap(name, text, false);
    }

    /** The wrapped source; an internal one's statements do not count against the statement limit. */
    static Source wrap(String name, String text, boolean internal) {
        Matcher unsupported = UNSUPPORTED.matcher(text);
        if (unsupported.find()) {
            int line = lineOf(text, unsupported.start(1));
            throw new PolicyException(PolicyException.Kind.INVALID, name + ":" + line,
                    "policies cannot import modules or use default or star exports; export named functions,"
                            + " e.g. export function route(request, ctx) { ... }");
        }
        String body = blank(EXPORT_LIST.matcher(text));
        Matcher declarations = EXPORT_DECLARATION.matcher(body);
        body = declarations.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "      " + m.group(2)));
        return Source.newBuilder("js", HEAD + body + TAIL, name).internal(internal).cached(true).buildLiteral();
    }

    /** The file as written, as a module: parsed (never run) so that syntax errors point into the file itself. */
    static Source module(String name, String text) {
        return Source.newBuilder("js", text, name).mimeType("application/javascript+module").cached(false)
                .buildLiteral();
    }

    /** {@code file:line:column} of where an exception happened in the policy file, or the file alone. */
    static String location(String name, PolyglotException e) {
        SourceSection section = e.getSourceLocation();
        if (section != null && name.equals(section.getSource().getName()) && section.hasLines()) {
            return location(name, section);
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (at != null && name.equals(at.getSource().getName()) && at.hasLines()) {
                return location(name, at);
            }
        }
        return name;
    }

    private static String location(String name, SourceSection section) {
        int line = section.getStartLine();
        int column = section.hasColumns() ? section.getStartColumn() : 0;
        if (line == 1 && column > HEAD.length() && section.getSource().getCharacters().toString().startsWith(HEAD)) {
            column -= HEAD.length();
        }
        return column > 0 ? name + ":" + line + ":" + column : name + ":" + line;
    }

    private static String blank(Matcher matcher) {
        return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", " ")));
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
