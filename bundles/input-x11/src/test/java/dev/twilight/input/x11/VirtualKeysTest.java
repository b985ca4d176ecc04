package dev.twilight.input.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.event.KeyEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VirtualKeysTest {

    @ParameterizedTest(name = "VK 0x{0} -> {1}")
    @CsvSource({
            "41, A", "5A, Z", "30, 0", "39, 9", "70, F1", "7B, F12", "7C, F13", "87, F24",
            "A0, Shift", "A1, Shift", "A2, Ctrl", "A3, Ctrl", "A4, Alt", "A5, Alt", "5B, Windows", "5D, Context Menu",
            "25, Left", "28, Down", "21, Page Up", "2E, Delete", "2C, Print Screen", "60, NumPad-0", "69, NumPad-9",
            "6A, NumPad *", "6E, NumPad .", "90, Num Lock", "BA, Semicolon", "BB, Equals", "BC, Comma", "BD, Minus",
            "BE, Period", "BF, Slash", "C0, Back Quote", "DB, Open Bracket", "DC, Back Slash", "DD, Close Bracket",
            "DE, Quote", "0D, Enter", "08, Backspace", "1B, Escape", "20, Space", "14, Caps Lock"})
    void mapsKeyboardKeys(String virtualKey, String awtKeyText) {
        assertEquals(awtKeyText, KeyEvent.getKeyText(VirtualKeys.toAwt(Integer.parseInt(virtualKey, 16))));
    }

    @Test
    void readsOnlyTheLowByte() {
        assertEquals(KeyEvent.VK_ENTER, VirtualKeys.toAwt(0x800D));
    }

    @Test
    void keysWithoutAnAwtCodeAreUndefined() {
        // volume up, media play/pause, browser back, an unassigned code
        for (int virtualKey : new int[] {0xAF, 0xB3, 0xA6, 0xFF, 0x00}) {
            assertEquals(KeyEvent.VK_UNDEFINED, VirtualKeys.toAwt(virtualKey), Integer.toHexString(virtualKey));
        }
    }
}
