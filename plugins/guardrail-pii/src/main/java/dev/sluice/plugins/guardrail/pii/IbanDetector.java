package dev.sluice.plugins.guardrail.pii;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * International bank account numbers: a country code, two check digits and the country's basic
 * bank account number, of exactly the length that country uses, written compact or in groups of
 * four ({@code DE89 3704 0044 0532 0130 00}); the check digits must pass ISO 7064 mod 97-10.
 */
final class IbanDetector implements Detector {
    private static final Map<String, Integer> LENGTHS = lengths();

    @Override
    public Kind kind() {
        return Kind.IBAN;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        int n = text.length();
        int i = 0;
        while (i + 4 < n) {
            if (!startsIban(text, i)) {
                i++;
                continue;
            }
            Integer length = LENGTHS.get(text.substring(i, i + 2));
            int end = length == null ? -1 : compactEnd(text, i, length);
            if (end > 0 && mod97(text, i, end) == 1 && checkDigitsInRange(text, i)) {
                hits.add(new Hit(i, end, kind()));
                i = end;
            } else {
                i += 2;
            }
        }
    }

    /** Two capital letters and two digits, not inside a longer word or number. */
    private static boolean startsIban(String text, int i) {
        return Ascii.isUpper(text.charAt(i)) && Ascii.isUpper(text.charAt(i + 1)) && Ascii.isDigit(text.charAt(i + 2))
                && Ascii.isDigit(text.charAt(i + 3)) && (i == 0 || !Ascii.isLetterOrDigit(text.charAt(i - 1)));
    }

    /**
     * Where the IBAN starting at {@code start} ends once {@code length} characters are read, spaces
     * allowed only between groups of four; -1 when the text does not hold exactly that many.
     */
    private static int compactEnd(String text, int start, int length) {
        int count = 0;
        int i = start;
        int n = text.length();
        while (count < length) {
            if (i >= n) {
                return -1;
            }
            char c = text.charAt(i);
            if (c == ' ' && count > 0 && count % 4 == 0 && i + 1 < n && isIbanChar(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!isIbanChar(c)) {
                return -1;
            }
            count++;
            i++;
        }
        return i < n && Ascii.isLetterOrDigit(text.charAt(i)) ? -1 : i;
    }

    private static boolean isIbanChar(char c) {
        return Ascii.isUpper(c) || Ascii.isDigit(c);
    }

    private static boolean checkDigitsInRange(String text, int start) {
        int check = Integer.parseInt(text, start + 2, start + 4, 10);
        return check >= 2 && check <= 98;
    }

    /** The IBAN's remainder mod 97, with the first four characters moved to the end. */
    private static int mod97(String text, int start, int end) {
        int remainder = 0;
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? start + 4 : start;
            int to = pass == 0 ? end : start + 4;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c == ' ') {
                    continue;
                }
                if (c <= '9') {
                    remainder = (remainder * 10 + (c - '0')) % 97;
                } else {
                    remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
                }
            }
        }
        return remainder;
    }

    static int mod97(String iban) {
        String compact = iban.replace(" ", "");
        return mod97(compact, 0, compact.length());
    }

    /** IBAN lengths by country, from the SWIFT IBAN registry. */
    private static Map<String, Integer> lengths() {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22"
                + " DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21"
                + " HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24"
                + " ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33"
                + " SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        Map<String, Integer> out = new HashMap<>();
        for (String entry : table.split(" ")) {
            out.put(entry.substring(0, 2), Integer.valueOf(entry.substring(2)));
        }
        return Map.copyOf(out);
    }
}
