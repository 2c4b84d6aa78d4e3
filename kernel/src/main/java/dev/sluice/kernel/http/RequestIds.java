package dev.sluice.kernel.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: {@code req_} and 24 random hex digits; cheap, unique enough to join logs and audit. */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[28];
        id[0] = 'r';
        id[1] = 'e';
        id[2] = 'q';
        id[3] = '_';
        long a = random.nextLong();
        long b = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[4 + i] = HEX[(int) (a >>> (i * 4)) & 0xf];
        }
        for (int i = 0; i < 8; i++) {
            id[20 + i] = HEX[(int) (b >>> (i * 4)) & 0xf];
        }
        return new String(id);
    }
}
