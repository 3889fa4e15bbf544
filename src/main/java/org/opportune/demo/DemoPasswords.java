package org.opportune.demo;

import java.security.SecureRandom;
import java.util.Collection;

/** Generates the demo's passwords: about 90 random bits, easy to read and type. */
final class DemoPasswords {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoPasswords() {
    }

    /** A password such as {@code Xk3p-9aQz-...} that contains none of the given login names. */
    static String generate(Collection<String> forbidden) {
        while (true) {
            var password = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (i > 0 && i % 4 == 0) {
                    password.append('-');
                }
                password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            var lower = password.toString().toLowerCase();
            // the identity rules refuse a password that contains the username, and "tom" is short
            if (forbidden.stream().noneMatch(lower::contains)) {
                return password.toString();
            }
        }
    }
}
