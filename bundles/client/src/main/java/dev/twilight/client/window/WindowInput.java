package dev.twilight.client.window;

import dev.twilight.api.input.InputEvent;
import dev.twilight.awt.keys.VirtualKeys;
import java.awt.Rectangle;
import java.awt.event.FocusEvent;
import java.awt.event.FocusListener;
import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.awt.event.MouseEvent;
import java.awt.event.MouseListener;
import java.awt.event.MouseMotionListener;
import java.awt.event.MouseWheelEvent;
import java.awt.event.MouseWheelListener;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns what the window's AWT listeners get into GameStream input: keys as Windows virtual keys (the same table
 * the host injects with), the pointer as an absolute position within the drawn picture (its size as the
 * reference, so the host scales it to its screen), buttons and the wheel. Ctrl+Alt+Shift+S toggles the
 * statistics overlay, as in Moonlight, and is not sent. Keys still down when the window loses the focus are let
 * go on the host, which would otherwise never see their release. Used on the event dispatch thread.
 */
final class WindowInput implements KeyListener, MouseListener, MouseMotionListener, MouseWheelListener,
        FocusListener {

    private static final int OVERLAY_MODIFIERS = java.awt.event.InputEvent.CTRL_DOWN_MASK
            | java.awt.event.InputEvent.ALT_DOWN_MASK | java.awt.event.InputEvent.SHIFT_DOWN_MASK;
    private static final int NOTCH = 120;

    private final Consumer<InputEvent> send;
    private final Supplier<Rectangle> picture;
    private final Runnable toggleOverlay;
    private final Set<Integer> keysDown = new LinkedHashSet<>();
    private boolean overlayKeyDown;

    /**
     * @param send          where input goes (the playback)
     * @param picture       where the picture is drawn in the window now
     * @param toggleOverlay shows or hides the statistics
     */
    WindowInput(Consumer<InputEvent> send, Supplier<Rectangle> picture, Runnable toggleOverlay) {
        this.send = send;
        this.picture = picture;
        this.toggleOverlay = toggleOverlay;
    }

    @Override
    public void keyPressed(KeyEvent e) {
        e.consume();
        if (e.getKeyCode() == KeyEvent.VK_S && (e.getModifiersEx() & OVERLAY_MODIFIERS) == OVERLAY_MODIFIERS) {
            if (!overlayKeyDown) {
                toggleOverlay.run();
            }
            overlayKeyDown = true;
            return;
        }
        int virtualKey = VirtualKeys.toVirtualKey(e.getKeyCode(), e.getKeyLocation());
        if (virtualKey != 0) {
            keysDown.add(virtualKey);
            send.accept(new InputEvent.Key(true, virtualKey, modifiers(e)));
        }
    }

    @Override
    public void keyReleased(KeyEvent e) {
        e.consume();
        if (e.getKeyCode() == KeyEvent.VK_S && overlayKeyDown) {
            overlayKeyDown = false;
            return;
        }
        int virtualKey = VirtualKeys.toVirtualKey(e.getKeyCode(), e.getKeyLocation());
        if (virtualKey != 0) {
            keysDown.remove(virtualKey);
            send.accept(new InputEvent.Key(false, virtualKey, modifiers(e)));
        }
    }

    @Override
    public void keyTyped(KeyEvent e) {
        // the host types from the key presses; a typed character would type twice
        e.consume();
    }

    @Override
    public void focusLost(FocusEvent e) {
        for (int virtualKey : keysDown) {
            send.accept(new InputEvent.Key(false, virtualKey, 0));
        }
        keysDown.clear();
        overlayKeyDown = false;
    }

    @Override
    public void focusGained(FocusEvent e) {
        // nothing is down on the host for this window yet
    }

    @Override
    public void mouseMoved(MouseEvent e) {
        Rectangle area = picture.get();
        if (area.isEmpty()) {
            return;
        }
        int x = Math.max(0, Math.min(area.width - 1, e.getX() - area.x));
        int y = Math.max(0, Math.min(area.height - 1, e.getY() - area.y));
        send.accept(new InputEvent.MousePosition(x, y, area.width, area.height));
    }

    @Override
    public void mouseDragged(MouseEvent e) {
        mouseMoved(e);
    }

    @Override
    public void mousePressed(MouseEvent e) {
        button(e, true);
    }

    @Override
    public void mouseReleased(MouseEvent e) {
        button(e, false);
    }

    private void button(MouseEvent e, boolean down) {
        // AWT numbers left, middle, right, then the back and forward buttons 4 and 5, as GameStream does
        if (e.getButton() >= MouseEvent.BUTTON1 && e.getButton() <= 5) {
            send.accept(new InputEvent.MouseButton(down, e.getButton()));
        }
    }

    @Override
    public void mouseWheelMoved(MouseWheelEvent e) {
        // AWT counts towards the user as positive, GameStream away from the user (scrolling up)
        int amount = (int) Math.round(-e.getPreciseWheelRotation() * NOTCH);
        if (amount != 0) {
            send.accept(new InputEvent.Scroll(false, amount));
        }
    }

    @Override
    public void mouseClicked(MouseEvent e) {
        // presses and releases were sent
    }

    @Override
    public void mouseEntered(MouseEvent e) {
        // the next move says where the pointer is
    }

    @Override
    public void mouseExited(MouseEvent e) {
        // the host keeps the pointer where it left
    }

    private static int modifiers(KeyEvent e) {
        int awt = e.getModifiersEx();
        int modifiers = 0;
        if ((awt & java.awt.event.InputEvent.SHIFT_DOWN_MASK) != 0) {
            modifiers |= InputEvent.MODIFIER_SHIFT;
        }
        if ((awt & java.awt.event.InputEvent.CTRL_DOWN_MASK) != 0) {
            modifiers |= InputEvent.MODIFIER_CTRL;
        }
        if ((awt & java.awt.event.InputEvent.ALT_DOWN_MASK) != 0) {
            modifiers |= InputEvent.MODIFIER_ALT;
        }
        if ((awt & java.awt.event.InputEvent.META_DOWN_MASK) != 0) {
            modifiers |= InputEvent.MODIFIER_META;
        }
        return modifiers;
    }
}
