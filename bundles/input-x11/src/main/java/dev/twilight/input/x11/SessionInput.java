package dev.twilight.input.x11;

import dev.twilight.api.input.InputEvent;
import dev.twilight.awt.keys.VirtualKeys;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's input on the display: turns its events into key, pointer and wheel actions, and remembers
 * what it holds down (so that a session that ends with a key down does not leave it down) and the part of a
 * scroll too small for a wheel notch. Used by the injector thread only.
 */
final class SessionInput {

    private static final Logger LOG = LoggerFactory.getLogger(SessionInput.class);
    /** Windows' WHEEL_DELTA: the scroll amount of one notch. */
    static final int WHEEL_DELTA = 120;
    private static final int MAX_BUTTON = 5;

    private final String sessionId;
    private final Set<Integer> keysDown = new LinkedHashSet<>();
    private final Set<Integer> buttonsDown = new LinkedHashSet<>();
    private int verticalRemainder;
    private int horizontalRemainder;

    SessionInput(String sessionId) {
        this.sessionId = sessionId;
    }

    /** Applies one event; exceptions of the target pass through. */
    void apply(InputEvent event, InputTarget target, Counters counters) {
        if (event instanceof InputEvent.Key key) {
            key(key, target, counters);
        } else if (event instanceof InputEvent.Text text) {
            text(text.text(), target, counters);
        } else if (event instanceof InputEvent.MouseMove move) {
            Point at = target.pointer();
            target.moveTo(at.x + move.dx(), at.y + move.dy());
            counters.increment(InputCounter.INJECTED);
        } else if (event instanceof InputEvent.MousePosition position) {
            moveTo(position, target);
            counters.increment(InputCounter.INJECTED);
        } else if (event instanceof InputEvent.MouseButton button) {
            button(button, target, counters);
        } else if (event instanceof InputEvent.Scroll scroll) {
            scroll(scroll, target);
            counters.increment(InputCounter.INJECTED);
        } else {
            counters.increment(InputCounter.UNSUPPORTED);
        }
    }

    /** Lets go of every key and button this session holds, last pressed first. */
    void release(InputTarget target) {
        List<Integer> keys = new ArrayList<>(keysDown);
        for (int n = keys.size() - 1; n >= 0; n--) {
            target.keyUp(keys.get(n));
        }
        keysDown.clear();
        for (int button : buttonsDown) {
            target.buttonUp(button);
        }
        buttonsDown.clear();
        verticalRemainder = 0;
        horizontalRemainder = 0;
    }

    /** The modifier bits are not applied: clients send the modifier keys themselves as key events. */
    private void key(InputEvent.Key key, InputTarget target, Counters counters) {
        int awtKey = VirtualKeys.toAwt(key.virtualKey());
        if (awtKey == KeyEvent.VK_UNDEFINED) {
            counters.increment(InputCounter.UNKNOWN_KEYS);
            LOG.debug("Session {}: virtual key 0x{} has no AWT key; ignored", sessionId,
                    Integer.toHexString(key.virtualKey()));
            return;
        }
        if (key.down()) {
            target.keyDown(awtKey);
            keysDown.add(awtKey);
        } else {
            target.keyUp(awtKey);
            keysDown.remove(awtKey);
        }
        counters.increment(InputCounter.INJECTED);
    }

    private void text(String text, InputTarget target, Counters counters) {
        boolean typed = false;
        for (int codePoint : text.codePoints().toArray()) {
            Optional<UsLayout.Stroke> stroke = UsLayout.stroke(codePoint);
            if (stroke.isEmpty()) {
                counters.increment(InputCounter.UNSUPPORTED);
                LOG.debug("Session {}: no US key types U+{}; ignored", sessionId,
                        Integer.toHexString(codePoint).toUpperCase());
                continue;
            }
            boolean shift = stroke.get().shift() && !keysDown.contains(KeyEvent.VK_SHIFT);
            withShift(shift, target, () -> {
                target.keyDown(stroke.get().keyCode());
                target.keyUp(stroke.get().keyCode());
            });
            typed = true;
        }
        if (typed) {
            counters.increment(InputCounter.INJECTED);
        }
    }

    /** Scales the client's reference area onto the screen. */
    private static void moveTo(InputEvent.MousePosition position, InputTarget target) {
        Rectangle screen = target.screen();
        target.moveTo(screen.x + scale(position.x(), position.referenceWidth(), screen.width),
                screen.y + scale(position.y(), position.referenceHeight(), screen.height));
    }

    private static int scale(int value, int reference, int size) {
        long scaled = (long) value * size / Math.max(1, reference);
        return (int) Math.max(0, Math.min(size - 1, scaled));
    }

    /** GameStream numbers buttons as AWT does: 1 left, 2 middle, 3 right, 4 X1 (back), 5 X2 (forward). */
    private void button(InputEvent.MouseButton button, InputTarget target, Counters counters) {
        int number = button.button();
        if (number < 1 || number > MAX_BUTTON || !target.hasButton(number)) {
            counters.increment(InputCounter.UNSUPPORTED);
            LOG.debug("Session {}: the display has no mouse button {}; ignored", sessionId, number);
            return;
        }
        if (button.down()) {
            target.buttonDown(number);
            buttonsDown.add(number);
        } else {
            target.buttonUp(number);
            buttonsDown.remove(number);
        }
        counters.increment(InputCounter.INJECTED);
    }

    /** Holds Shift around an action when asked, and lets go of it even when the action fails. */
    private static void withShift(boolean shift, InputTarget target, Runnable action) {
        if (!shift) {
            action.run();
            return;
        }
        target.keyDown(KeyEvent.VK_SHIFT);
        try {
            action.run();
        } finally {
            target.keyUp(KeyEvent.VK_SHIFT);
        }
    }

    /**
     * High-resolution clients send fractions of a notch; the remainder is kept for the next event so that
     * slow scrolling adds up. A positive vertical amount scrolls up (away from the user), the opposite of an
     * AWT wheel turn. X11 has no horizontal wheel that {@code java.awt.Robot} can turn, so horizontal scroll
     * is the wheel with Shift held, which GTK, Qt and browsers read as sideways (positive: right).
     */
    private void scroll(InputEvent.Scroll scroll, InputTarget target) {
        if (scroll.horizontal()) {
            horizontalRemainder += scroll.amount();
            int notches = horizontalRemainder / WHEEL_DELTA;
            horizontalRemainder -= notches * WHEEL_DELTA;
            if (notches != 0) {
                withShift(!keysDown.contains(KeyEvent.VK_SHIFT), target, () -> target.wheel(notches));
            }
        } else {
            verticalRemainder += scroll.amount();
            int notches = verticalRemainder / WHEEL_DELTA;
            verticalRemainder -= notches * WHEEL_DELTA;
            if (notches != 0) {
                target.wheel(-notches);
            }
        }
    }
}
