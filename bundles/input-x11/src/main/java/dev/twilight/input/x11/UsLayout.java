package dev.twilight.input.x11;

import java.awt.event.KeyEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The characters a US keyboard types, each as the key that types it and whether Shift is held. */
final class UsLayout {

    /** One key, with or without Shift. */
    record Stroke(int keyCode, boolean shift) {
    }

    private static final Map<Integer, Stroke> STROKES = strokes();

    private UsLayout() {
    }

    /** @return the stroke that types this code point, or empty when no key of a US layout types it */
    static Optional<Stroke> stroke(int codePoint) {
        return Optional.ofNullable(STROKES.get(codePoint));
    }

    private static Map<Integer, Stroke> strokes() {
        Map<Integer, Stroke> strokes = new HashMap<>();
        for (int c = 'a'; c <= 'z'; c++) {
            strokes.put(c, new Stroke(KeyEvent.VK_A + c - 'a', false));
            strokes.put(Character.toUpperCase(c), new Stroke(KeyEvent.VK_A + c - 'a', true));
        }
        for (int c = '0'; c <= '9'; c++) {
            strokes.put(c, new Stroke(KeyEvent.VK_0 + c - '0', false));
        }
        String shiftedDigits = ")!@#$%^&*(";
        for (int n = 0; n < shiftedDigits.length(); n++) {
            strokes.put((int) shiftedDigits.charAt(n), new Stroke(KeyEvent.VK_0 + n, true));
        }
        punctuation(strokes, '`', '~', KeyEvent.VK_BACK_QUOTE);
        punctuation(strokes, '-', '_', KeyEvent.VK_MINUS);
        punctuation(strokes, '=', '+', KeyEvent.VK_EQUALS);
        punctuation(strokes, '[', '{', KeyEvent.VK_OPEN_BRACKET);
        punctuation(strokes, ']', '}', KeyEvent.VK_CLOSE_BRACKET);
        punctuation(strokes, '\\', '|', KeyEvent.VK_BACK_SLASH);
        punctuation(strokes, ';', ':', KeyEvent.VK_SEMICOLON);
        punctuation(strokes, '\'', '"', KeyEvent.VK_QUOTE);
        punctuation(strokes, ',', '<', KeyEvent.VK_COMMA);
        punctuation(strokes, '.', '>', KeyEvent.VK_PERIOD);
        punctuation(strokes, '/', '?', KeyEvent.VK_SLASH);
        strokes.put((int) ' ', new Stroke(KeyEvent.VK_SPACE, false));
        strokes.put((int) '\t', new Stroke(KeyEvent.VK_TAB, false));
        strokes.put((int) '\n', new Stroke(KeyEvent.VK_ENTER, false));
        return Map.copyOf(strokes);
    }

    private static void punctuation(Map<Integer, Stroke> strokes, char plain, char shifted, int keyCode) {
        strokes.put((int) plain, new Stroke(keyCode, false));
        strokes.put((int) shifted, new Stroke(keyCode, true));
    }
}
