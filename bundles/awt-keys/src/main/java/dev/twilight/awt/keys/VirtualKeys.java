package dev.twilight.awt.keys;

import java.awt.event.KeyEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one table between the Windows virtual-key codes that GameStream clients send and AWT key codes, read both
 * ways: the host injects with {@code java.awt.Robot}, the client's window sends what AWT reports. Left and right
 * modifiers share one AWT code (AWT tells the side by the key's location instead). Keys AWT has no code for
 * (volume, media, browser and launch keys, sleep) are not in the table.
 */
public final class VirtualKeys {

    private static final Map<Integer, Integer> TO_AWT = table();
    /** Every virtual key of each AWT key, lowest first: the generic code, then the left and the right one. */
    private static final Map<Integer, List<Integer>> FROM_AWT = TO_AWT.entrySet().stream()
            .collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new,
                    Collectors.mapping(Map.Entry::getKey, Collectors.collectingAndThen(Collectors.toList(),
                            keys -> keys.stream().sorted().toList()))));

    private VirtualKeys() {
    }

    /**
     * @param virtualKey a Windows virtual-key code; only its low byte is read, as clients may set 0x80 in the
     *                   high byte
     * @return the AWT key code, or {@link KeyEvent#VK_UNDEFINED} when there is none
     */
    public static int toAwt(int virtualKey) {
        return TO_AWT.getOrDefault(virtualKey & 0xFF, KeyEvent.VK_UNDEFINED);
    }

    /**
     * @param awtKey   an AWT key code, as {@link KeyEvent#getKeyCode()} reports it
     * @param location {@link KeyEvent#getKeyLocation()}: picks the left or right code of a sided key (Shift,
     *                 Ctrl, Alt, Windows), whose two codes are the last two in the table, left first
     * @return the Windows virtual-key code, or 0 when the table has none
     */
    public static int toVirtualKey(int awtKey, int location) {
        List<Integer> keys = FROM_AWT.getOrDefault(awtKey, List.of());
        if (keys.isEmpty()) {
            return 0;
        }
        if (keys.size() > 1 && location == KeyEvent.KEY_LOCATION_LEFT) {
            return keys.get(keys.size() - 2);
        }
        if (keys.size() > 1 && location == KeyEvent.KEY_LOCATION_RIGHT) {
            return keys.get(keys.size() - 1);
        }
        return keys.get(0);
    }

    private static Map<Integer, Integer> table() {
        Map<Integer, Integer> keys = new HashMap<>();
        // letters and digits: the Windows codes are the ASCII capitals and digits, as AWT's
        for (int c = 'A'; c <= 'Z'; c++) {
            keys.put(c, KeyEvent.VK_A + c - 'A');
        }
        for (int c = '0'; c <= '9'; c++) {
            keys.put(c, KeyEvent.VK_0 + c - '0');
        }
        // F1..F12 are 0x70..0x7B, F13..F24 0x7C..0x87; AWT numbers F13 and up elsewhere
        for (int n = 0; n < 12; n++) {
            keys.put(0x70 + n, KeyEvent.VK_F1 + n);
            keys.put(0x7C + n, KeyEvent.VK_F13 + n);
        }
        for (int n = 0; n < 10; n++) {
            keys.put(0x60 + n, KeyEvent.VK_NUMPAD0 + n);
        }

        keys.put(0x03, KeyEvent.VK_CANCEL);
        keys.put(0x08, KeyEvent.VK_BACK_SPACE);
        keys.put(0x09, KeyEvent.VK_TAB);
        keys.put(0x0C, KeyEvent.VK_CLEAR);
        keys.put(0x0D, KeyEvent.VK_ENTER);
        keys.put(0x10, KeyEvent.VK_SHIFT);
        keys.put(0x11, KeyEvent.VK_CONTROL);
        keys.put(0x12, KeyEvent.VK_ALT);
        keys.put(0x13, KeyEvent.VK_PAUSE);
        keys.put(0x14, KeyEvent.VK_CAPS_LOCK);
        keys.put(0x15, KeyEvent.VK_KANA);
        keys.put(0x18, KeyEvent.VK_FINAL);
        keys.put(0x19, KeyEvent.VK_KANJI);
        keys.put(0x1B, KeyEvent.VK_ESCAPE);
        keys.put(0x1C, KeyEvent.VK_CONVERT);
        keys.put(0x1D, KeyEvent.VK_NONCONVERT);
        keys.put(0x1E, KeyEvent.VK_ACCEPT);
        keys.put(0x1F, KeyEvent.VK_MODECHANGE);
        keys.put(0x20, KeyEvent.VK_SPACE);

        keys.put(0x21, KeyEvent.VK_PAGE_UP);
        keys.put(0x22, KeyEvent.VK_PAGE_DOWN);
        keys.put(0x23, KeyEvent.VK_END);
        keys.put(0x24, KeyEvent.VK_HOME);
        keys.put(0x25, KeyEvent.VK_LEFT);
        keys.put(0x26, KeyEvent.VK_UP);
        keys.put(0x27, KeyEvent.VK_RIGHT);
        keys.put(0x28, KeyEvent.VK_DOWN);
        keys.put(0x2C, KeyEvent.VK_PRINTSCREEN);
        keys.put(0x2D, KeyEvent.VK_INSERT);
        keys.put(0x2E, KeyEvent.VK_DELETE);
        keys.put(0x2F, KeyEvent.VK_HELP);

        keys.put(0x5B, KeyEvent.VK_WINDOWS);
        keys.put(0x5C, KeyEvent.VK_WINDOWS);
        keys.put(0x5D, KeyEvent.VK_CONTEXT_MENU);

        keys.put(0x6A, KeyEvent.VK_MULTIPLY);
        keys.put(0x6B, KeyEvent.VK_ADD);
        keys.put(0x6C, KeyEvent.VK_SEPARATOR);
        keys.put(0x6D, KeyEvent.VK_SUBTRACT);
        keys.put(0x6E, KeyEvent.VK_DECIMAL);
        keys.put(0x6F, KeyEvent.VK_DIVIDE);
        keys.put(0x90, KeyEvent.VK_NUM_LOCK);
        keys.put(0x91, KeyEvent.VK_SCROLL_LOCK);

        keys.put(0xA0, KeyEvent.VK_SHIFT);
        keys.put(0xA1, KeyEvent.VK_SHIFT);
        keys.put(0xA2, KeyEvent.VK_CONTROL);
        keys.put(0xA3, KeyEvent.VK_CONTROL);
        keys.put(0xA4, KeyEvent.VK_ALT);
        // right Alt is a plain Alt on a US layout (AltGr lives on other layouts)
        keys.put(0xA5, KeyEvent.VK_ALT);

        // OEM keys as they are engraved on a US keyboard
        keys.put(0xBA, KeyEvent.VK_SEMICOLON);
        keys.put(0xBB, KeyEvent.VK_EQUALS);
        keys.put(0xBC, KeyEvent.VK_COMMA);
        keys.put(0xBD, KeyEvent.VK_MINUS);
        keys.put(0xBE, KeyEvent.VK_PERIOD);
        keys.put(0xBF, KeyEvent.VK_SLASH);
        keys.put(0xC0, KeyEvent.VK_BACK_QUOTE);
        keys.put(0xDB, KeyEvent.VK_OPEN_BRACKET);
        keys.put(0xDC, KeyEvent.VK_BACK_SLASH);
        keys.put(0xDD, KeyEvent.VK_CLOSE_BRACKET);
        keys.put(0xDE, KeyEvent.VK_QUOTE);
        // the extra key left of Z on 102-key keyboards
        keys.put(0xE2, KeyEvent.VK_LESS);
        return Map.copyOf(keys);
    }
}
