package dev.twilight.awt.keys;

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

    @ParameterizedTest(name = "AWT {0} at location {1} -> VK 0x{2}")
    @CsvSource({
            // KeyEvent.VK_A, VK_F1, VK_ENTER, VK_SEMICOLON: one code, wherever the key is
            "65, 1, 41", "112, 1, 70", "10, 4, 0D", "59, 1, BA",
            // Shift, Ctrl, Alt, Windows: locations 2 (left) and 3 (right) pick the side, others the generic code
            "16, 2, A0", "16, 3, A1", "16, 1, 10", "17, 2, A2", "17, 3, A3", "18, 2, A4", "18, 3, A5",
            "524, 2, 5B", "524, 3, 5C", "524, 0, 5B"})
    void mapsAwtKeysBack(int awtKey, int location, String virtualKey) {
        assertEquals(Integer.parseInt(virtualKey, 16), VirtualKeys.toVirtualKey(awtKey, location));
    }

    @Test
    void everyVirtualKeyThatIsNotASideComesBackFromItsAwtKey() {
        for (int virtualKey = 0; virtualKey < 0x100; virtualKey++) {
            int awtKey = VirtualKeys.toAwt(virtualKey);
            if (awtKey != KeyEvent.VK_UNDEFINED && !(virtualKey >= 0xA0 && virtualKey <= 0xA5) && virtualKey != 0x5C) {
                assertEquals(virtualKey, VirtualKeys.toVirtualKey(awtKey, KeyEvent.KEY_LOCATION_STANDARD),
                        Integer.toHexString(virtualKey));
            }
        }
    }

    @Test
    void awtKeysOutsideTheTableHaveNoVirtualKey() {
        assertEquals(0, VirtualKeys.toVirtualKey(KeyEvent.VK_UNDEFINED, KeyEvent.KEY_LOCATION_UNKNOWN));
        assertEquals(0, VirtualKeys.toVirtualKey(KeyEvent.VK_DEAD_ACUTE, KeyEvent.KEY_LOCATION_STANDARD));
    }
}
