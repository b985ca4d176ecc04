package dev.twilight.gamestream.crypto;

import java.util.HexFormat;

/** Hex as GameStream writes it: uppercase out, either case in. */
public final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    /**
     * @param what  names the value in the error, e.g. {@code salt}
     * @throws IllegalArgumentException saying which value is not hex and why
     */
    public static byte[] decode(String what, String hex) {
        if (hex == null || hex.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException(what + " is not hex: odd number of digits (" + hex.length() + ")");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not hex: " + e.getMessage(), e);
        }
    }
}
