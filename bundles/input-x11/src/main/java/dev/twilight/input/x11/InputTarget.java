package dev.twilight.input.x11;

import java.awt.Point;
import java.awt.Rectangle;

/** The display's keyboard and pointer, as the injector drives them; used by one thread only. */
interface InputTarget {

    /** The pointer's position in screen coordinates. */
    Point pointer();

    /** The screen that absolute positions are scaled to. */
    Rectangle screen();

    void moveTo(int x, int y);

    void keyDown(int awtKeyCode);

    void keyUp(int awtKeyCode);

    /** Whether the display has this AWT mouse button (1 left, 2 middle, 3 right, 4 and 5 the extra buttons). */
    boolean hasButton(int button);

    void buttonDown(int button);

    void buttonUp(int button);

    /** Turns the vertical wheel by whole notches; positive is towards the user (down), as in AWT. */
    void wheel(int notches);
}
