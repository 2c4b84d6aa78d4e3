package dev.sluice.plugins.guardrail.format;

import com.networknt.schema.SchemaException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.util.regex.Pattern;

/**
 * Schema {@code pattern}s on the JDK's regular expressions, as the validator's own JDK factory
 * compiles them, but each match limited to {@link #MAX_STEPS} character reads. A schema comes
 * from the client as often as from the operator, and a pattern such as {@code ^(a+)+$} against a
 * long answer would otherwise hold a request thread for minutes; past the budget the match fails
 * with {@link BudgetExceeded}, which the check reports as a violation.
 */
final class BoundedRegularExpressions implements RegularExpressionFactory {
    static final BoundedRegularExpressions INSTANCE = new BoundedRegularExpressions();

    /** Enough for any sane pattern on a long string (each read is a few nanoseconds). */
    static final long MAX_STEPS = 2_000_000;

    private BoundedRegularExpressions() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(
                RegularExpressions.replaceDollarAnchors(regex)));
        return value -> pattern.matcher(new Budgeted(value, new long[] {MAX_STEPS})).find();
    }

    /**
     * A match ran out of steps. A {@link SchemaException}, so that the validator passes it on as
     * it is instead of logging it; its message holds no part of the text.
     */
    static final class BudgetExceeded extends SchemaException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("a pattern took more than " + MAX_STEPS + " steps to match");
        }
    }

    /** A string whose every character read spends one step of a budget shared with its slices. */
    private record Budgeted(String text, long[] budget) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
