package dev.twilight.input.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twilight.api.input.InputEvent;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionInputTest {

    private final RecordingTarget target = new RecordingTarget(new Rectangle(0, 0, 1280, 800), 5);
    private final Counters counters = new Counters();
    private final SessionInput input = new SessionInput("s1");

    private void apply(InputEvent... events) {
        for (InputEvent event : events) {
            input.apply(event, target, counters);
        }
    }

    @Test
    void keysArePressedAndReleasedByTheirAwtCodeIgnoringModifierBitsAndTheHighByte() {
        apply(new InputEvent.Key(true, 0x41, InputEvent.MODIFIER_SHIFT), new InputEvent.Key(false, 0x8041, 0));
        assertEquals(List.of("key down " + KeyEvent.VK_A, "key up " + KeyEvent.VK_A), target.actions);
        assertEquals(2, counters.get(InputCounter.INJECTED));
    }

    @Test
    void unknownVirtualKeysAreCountedAndIgnored() {
        // 0xAF volume up has no AWT key; 0xFF is reserved
        apply(new InputEvent.Key(true, 0xAF, 0), new InputEvent.Key(false, 0xAF, 0), new InputEvent.Key(true, 0xFF, 0));
        assertEquals(List.of(), target.actions);
        assertEquals(3, counters.get(InputCounter.UNKNOWN_KEYS));
        assertEquals(0, counters.get(InputCounter.INJECTED));
    }

    @Test
    void textIsTypedWithShiftWhereAUsKeyboardNeedsItAndOtherCharactersAreCounted() {
        apply(new InputEvent.Text("a!é"));
        assertEquals(List.of("key down " + KeyEvent.VK_A, "key up " + KeyEvent.VK_A,
                "key down " + KeyEvent.VK_SHIFT, "key down " + KeyEvent.VK_1, "key up " + KeyEvent.VK_1,
                "key up " + KeyEvent.VK_SHIFT), target.actions);
        assertEquals(1, counters.get(InputCounter.INJECTED));
        assertEquals(1, counters.get(InputCounter.UNSUPPORTED));
    }

    @Test
    void textWithNoTypableCharacterInjectsNothing() {
        apply(new InputEvent.Text("日本"));
        assertEquals(List.of(), target.actions);
        assertEquals(0, counters.get(InputCounter.INJECTED));
        assertEquals(2, counters.get(InputCounter.UNSUPPORTED));
    }

    @Test
    void absolutePositionsAreScaledFromTheReferenceAreaAndKeptOnTheScreen() {
        RecordingTarget offset = new RecordingTarget(new Rectangle(100, 50, 1280, 800), 3);
        input.apply(new InputEvent.MousePosition(960, 540, 1920, 1080), offset, counters);
        input.apply(new InputEvent.MousePosition(5000, -7, 1920, 1080), offset, counters);
        assertEquals(List.of("move 740,450", "move 1379,50"), offset.actions);
    }

    @Test
    void relativeMovesAddToThePointer() {
        apply(new InputEvent.MousePosition(640, 400, 1280, 800), new InputEvent.MouseMove(15, -20));
        assertEquals(List.of("move 640,400", "move 655,380"), target.actions);
    }

    @Test
    void buttonsTheDisplayLacksAreCountedAsUnsupported() {
        RecordingTarget threeButtons = new RecordingTarget(new Rectangle(0, 0, 10, 10), 3);
        for (int button : new int[] {3, 4, 0, 6}) {
            input.apply(new InputEvent.MouseButton(true, button), threeButtons, counters);
        }
        assertEquals(List.of("button down 3"), threeButtons.actions);
        assertEquals(3, counters.get(InputCounter.UNSUPPORTED));
    }

    @Test
    void scrollAccumulatesFractionsOfANotchAndUpIsANegativeWheelTurn() {
        apply(new InputEvent.Scroll(false, 60), new InputEvent.Scroll(false, 60));
        apply(new InputEvent.Scroll(false, -30), new InputEvent.Scroll(false, -30), new InputEvent.Scroll(false, -30),
                new InputEvent.Scroll(false, -30));
        apply(new InputEvent.Scroll(false, 300), new InputEvent.Scroll(false, 60));
        assertEquals(List.of("wheel -1", "wheel 1", "wheel -2", "wheel -1"), target.actions);
        assertEquals(8, counters.get(InputCounter.INJECTED));
    }

    @Test
    void horizontalScrollIsTheWheelWithShiftHeldUnlessTheClientHoldsShiftAlready() {
        apply(new InputEvent.Scroll(true, 100), new InputEvent.Scroll(true, 20));
        apply(new InputEvent.Key(true, 0xA0, 0), new InputEvent.Scroll(true, -120));
        assertEquals(List.of("key down " + KeyEvent.VK_SHIFT, "wheel 1", "key up " + KeyEvent.VK_SHIFT,
                "key down " + KeyEvent.VK_SHIFT, "wheel -1"), target.actions);
    }

    @Test
    void releaseLetsGoOfHeldKeysLastFirstAndOfHeldButtons() {
        apply(new InputEvent.Key(true, 0xA2, 0), new InputEvent.Key(true, 0x43, 0), new InputEvent.Key(true, 0x44, 0),
                new InputEvent.Key(false, 0x44, 0), new InputEvent.MouseButton(true, 1));
        target.actions.clear();
        input.release(target);
        assertEquals(List.of("key up " + KeyEvent.VK_C, "key up " + KeyEvent.VK_CONTROL, "button up 1"),
                target.actions);
        target.actions.clear();
        input.release(target);
        assertEquals(List.of(), target.actions);
    }

    @Test
    void controllerTouchAndPenEventsAreUnsupported() {
        apply(new InputEvent.ControllerBattery(0, 2, 50), new InputEvent.Touch(1, 1, 0.5f, 0.5f, 1, 0),
                new InputEvent.Pen(1, 1, 0, 0.5f, 0.5f, 1, 0, 0));
        assertEquals(List.of(), target.actions);
        assertEquals(3, counters.get(InputCounter.UNSUPPORTED));
    }
}
