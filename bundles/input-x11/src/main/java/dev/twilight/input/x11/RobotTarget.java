package dev.twilight.input.x11;

import java.awt.AWTError;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.PointerInfo;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.InputEvent;

/**
 * The X display through {@code java.awt.Robot}, which injects with the XTEST extension. AWT connects to the
 * display named by {@code DISPLAY} when the JVM first uses it, and to no other afterwards. If that X server
 * goes away, Xlib exits the whole JVM (AWT cannot prevent it); see the architecture notes.
 */
final class RobotTarget implements InputTarget {

    private final Robot robot;
    private final int buttons;

    private RobotTarget(Robot robot, int buttons) {
        this.robot = robot;
        this.buttons = buttons;
    }

    /**
     * Connects to the JVM's display.
     *
     * @param display the {@code DISPLAY} value, for the messages
     */
    static RobotTarget open(String display) throws DisplayUnavailableException {
        try {
            Robot robot = new Robot();
            robot.setAutoDelay(0);
            robot.setAutoWaitForIdle(false);
            // AWT numbers the extra buttons 4 and 5 (X buttons 8 and 9, back and forward) only when enabled
            int buttons = Toolkit.getDefaultToolkit().areExtraMouseButtonsEnabled()
                    ? MouseInfo.getNumberOfButtons() : 3;
            return new RobotTarget(robot, buttons);
        } catch (UnsatisfiedLinkError e) {
            throw new DisplayUnavailableException("X11 input is off: this Java has no X11 support ("
                    + e.getMessage() + "); install a full JDK (e.g. openjdk-17-jdk, not -headless)", e);
        } catch (AWTException | AWTError | HeadlessException | LinkageError e) {
            throw new DisplayUnavailableException("X11 input is off: cannot use X display " + display + " ("
                    + e + "); check that its X server runs and lets this user connect (XAUTHORITY, xhost), "
                    + "then restart the host", e);
        }
    }

    @Override
    public Point pointer() {
        PointerInfo info = MouseInfo.getPointerInfo();
        if (info == null) {
            throw new IllegalStateException("the pointer is on no screen");
        }
        return info.getLocation();
    }

    @Override
    public Rectangle screen() {
        return GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration()
                .getBounds();
    }

    @Override
    public void moveTo(int x, int y) {
        robot.mouseMove(x, y);
    }

    @Override
    public void keyDown(int awtKeyCode) {
        robot.keyPress(awtKeyCode);
    }

    @Override
    public void keyUp(int awtKeyCode) {
        robot.keyRelease(awtKeyCode);
    }

    @Override
    public boolean hasButton(int button) {
        return button >= 1 && button <= buttons;
    }

    @Override
    public void buttonDown(int button) {
        robot.mousePress(InputEvent.getMaskForButton(button));
    }

    @Override
    public void buttonUp(int button) {
        robot.mouseRelease(InputEvent.getMaskForButton(button));
    }

    @Override
    public void wheel(int notches) {
        robot.mouseWheel(notches);
    }
}
