package dev.twilight.input.x11;

import java.awt.Point;
import java.awt.Rectangle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A display in memory: records every action in order and keeps the pointer where it was moved. */
class RecordingTarget implements InputTarget {

    final List<String> actions = new CopyOnWriteArrayList<>();
    private final Rectangle screen;
    private final int buttons;
    private volatile Point pointer = new Point(0, 0);

    RecordingTarget(Rectangle screen, int buttons) {
        this.screen = screen;
        this.buttons = buttons;
    }

    @Override
    public Point pointer() {
        return pointer;
    }

    @Override
    public Rectangle screen() {
        return screen;
    }

    @Override
    public void moveTo(int x, int y) {
        pointer = new Point(x, y);
        actions.add("move " + x + "," + y);
    }

    @Override
    public void keyDown(int awtKeyCode) {
        actions.add("key down " + awtKeyCode);
    }

    @Override
    public void keyUp(int awtKeyCode) {
        actions.add("key up " + awtKeyCode);
    }

    @Override
    public boolean hasButton(int button) {
        return button >= 1 && button <= buttons;
    }

    @Override
    public void buttonDown(int button) {
        actions.add("button down " + button);
    }

    @Override
    public void buttonUp(int button) {
        actions.add("button up " + button);
    }

    @Override
    public void wheel(int notches) {
        actions.add("wheel " + notches);
    }
}
