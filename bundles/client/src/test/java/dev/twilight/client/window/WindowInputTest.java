package dev.twilight.client.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twilight.api.input.InputEvent;
import java.awt.Rectangle;
import java.awt.event.FocusEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JPanel;
import org.junit.jupiter.api.Test;

/** AWT events as the window's listeners get them, without a display (lightweight components only). */
class WindowInputTest {

    private static final int CTRL_ALT_SHIFT = java.awt.event.InputEvent.CTRL_DOWN_MASK
            | java.awt.event.InputEvent.ALT_DOWN_MASK | java.awt.event.InputEvent.SHIFT_DOWN_MASK;

    private final JPanel source = new JPanel();
    private final List<InputEvent> sent = new ArrayList<>();
    private int overlayToggles;
    /** The picture drawn at (160, 0), 960x540, in a wider window. */
    private final WindowInput input = new WindowInput(sent::add, () -> new Rectangle(160, 0, 960, 540),
            () -> overlayToggles++);

    @Test
    void keysGoAsVirtualKeysWithTheirSideAndModifiers() {
        input.keyPressed(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_SHIFT, java.awt.event.InputEvent.SHIFT_DOWN_MASK,
                KeyEvent.KEY_LOCATION_RIGHT));
        input.keyPressed(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_A, java.awt.event.InputEvent.SHIFT_DOWN_MASK,
                KeyEvent.KEY_LOCATION_STANDARD));
        input.keyReleased(key(KeyEvent.KEY_RELEASED, KeyEvent.VK_A, java.awt.event.InputEvent.SHIFT_DOWN_MASK,
                KeyEvent.KEY_LOCATION_STANDARD));
        input.keyReleased(key(KeyEvent.KEY_RELEASED, KeyEvent.VK_SHIFT, 0, KeyEvent.KEY_LOCATION_RIGHT));
        assertEquals(List.of(new InputEvent.Key(true, 0xA1, InputEvent.MODIFIER_SHIFT),
                new InputEvent.Key(true, 0x41, InputEvent.MODIFIER_SHIFT),
                new InputEvent.Key(false, 0x41, InputEvent.MODIFIER_SHIFT),
                new InputEvent.Key(false, 0xA1, 0)), sent);
    }

    @Test
    void ctrlAltShiftSTogglesTheOverlayAndIsNotSent() {
        input.keyPressed(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_S, CTRL_ALT_SHIFT, KeyEvent.KEY_LOCATION_STANDARD));
        // auto-repeat while held toggles once
        input.keyPressed(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_S, CTRL_ALT_SHIFT, KeyEvent.KEY_LOCATION_STANDARD));
        input.keyReleased(key(KeyEvent.KEY_RELEASED, KeyEvent.VK_S, CTRL_ALT_SHIFT, KeyEvent.KEY_LOCATION_STANDARD));
        input.keyPressed(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_S, 0, KeyEvent.KEY_LOCATION_STANDARD));
        assertEquals(1, overlayToggles);
        assertEquals(List.of(new InputEvent.Key(true, 0x53, 0)), sent);
    }

    @Test
    void keysStillDownAreLetGoWhenTheFocusLeaves() {
        input.keyPressed(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_W, 0, KeyEvent.KEY_LOCATION_STANDARD));
        input.keyPressed(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_CONTROL, java.awt.event.InputEvent.CTRL_DOWN_MASK,
                KeyEvent.KEY_LOCATION_LEFT));
        sent.clear();
        input.focusLost(new FocusEvent(source, FocusEvent.FOCUS_LOST));
        assertEquals(List.of(new InputEvent.Key(false, 0x57, 0), new InputEvent.Key(false, 0xA2, 0)), sent);
        sent.clear();
        input.focusLost(new FocusEvent(source, FocusEvent.FOCUS_LOST));
        assertEquals(List.of(), sent);
    }

    @Test
    void thePointerIsAPositionInTheDrawnPictureClampedToIt() {
        input.mouseMoved(mouse(MouseEvent.MOUSE_MOVED, 640, 270, MouseEvent.NOBUTTON));
        input.mouseDragged(mouse(MouseEvent.MOUSE_DRAGGED, 100, 600, MouseEvent.BUTTON1));
        assertEquals(List.of(new InputEvent.MousePosition(480, 270, 960, 540),
                new InputEvent.MousePosition(0, 539, 960, 540)), sent);
    }

    @Test
    void buttonsAndTheWheelKeepGameStreamsNumbersAndDirection() {
        input.mousePressed(mouse(MouseEvent.MOUSE_PRESSED, 300, 300, MouseEvent.BUTTON3));
        input.mouseReleased(mouse(MouseEvent.MOUSE_RELEASED, 300, 300, MouseEvent.BUTTON3));
        // (a MouseEvent for buttons 4 and 5, back and forward, cannot be made without a display)
        input.mousePressed(mouse(MouseEvent.MOUSE_PRESSED, 300, 300, MouseEvent.BUTTON2));
        input.mouseWheelMoved(new MouseWheelEvent(source, MouseEvent.MOUSE_WHEEL, 0, 0, 300, 300, 0, false,
                MouseWheelEvent.WHEEL_UNIT_SCROLL, 3, 1));
        input.mouseWheelMoved(new MouseWheelEvent(source, MouseEvent.MOUSE_WHEEL, 0, 0, 300, 300, 0, false,
                MouseWheelEvent.WHEEL_UNIT_SCROLL, 3, -2));
        assertEquals(List.of(new InputEvent.MouseButton(true, 3), new InputEvent.MouseButton(false, 3),
                new InputEvent.MouseButton(true, 2), new InputEvent.Scroll(false, -120),
                new InputEvent.Scroll(false, 240)), sent);
    }

    private KeyEvent key(int id, int keyCode, int modifiers, int location) {
        return new KeyEvent(source, id, 0, modifiers, keyCode, KeyEvent.CHAR_UNDEFINED, location);
    }

    private MouseEvent mouse(int id, int x, int y, int button) {
        return new MouseEvent(source, id, 0, 0, x, y, 1, false, button);
    }
}
