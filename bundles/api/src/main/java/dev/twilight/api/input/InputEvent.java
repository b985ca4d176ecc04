package dev.twilight.api.input;

/**
 * Input a client sends while streaming, decoded from the GameStream input packets. Values keep the wire
 * meaning (Windows virtual-key codes, 120 units per scroll notch, normalised touch coordinates).
 */
public sealed interface InputEvent permits InputEvent.Key, InputEvent.Text, InputEvent.MouseMove,
        InputEvent.MousePosition, InputEvent.MouseButton, InputEvent.Scroll, InputEvent.ControllerState,
        InputEvent.ControllerArrival, InputEvent.ControllerMotion, InputEvent.ControllerBattery,
        InputEvent.Touch, InputEvent.Pen {

    int MODIFIER_SHIFT = 0x01;
    int MODIFIER_CTRL = 0x02;
    int MODIFIER_ALT = 0x04;
    int MODIFIER_META = 0x08;

    /** Key press or release: Windows virtual-key code (low byte significant) and modifier bits. */
    record Key(boolean down, int virtualKey, int modifiers) implements InputEvent {
    }

    /** Text typed as UTF-8 (IME, paste). */
    record Text(String text) implements InputEvent {
    }

    /** Relative mouse motion in pixels. */
    record MouseMove(int dx, int dy) implements InputEvent {
    }

    /** Absolute pointer position within a reference area of the client's size. */
    record MousePosition(int x, int y, int referenceWidth, int referenceHeight) implements InputEvent {
    }

    /** Mouse button: 1 left, 2 middle, 3 right, 4 X1, 5 X2. */
    record MouseButton(boolean down, int button) implements InputEvent {
    }

    /** Scroll wheel; 120 is one notch. */
    record Scroll(boolean horizontal, int amount) implements InputEvent {
    }

    /** Full state of one gamepad. Sticks are signed 16-bit, triggers 0..255. */
    record ControllerState(int controller, int activeMask, int buttons, int leftTrigger, int rightTrigger,
                           int leftStickX, int leftStickY, int rightStickX, int rightStickY) implements InputEvent {
    }

    /** A gamepad was connected on the client, with its type and capability bits. */
    record ControllerArrival(int controller, int type, int capabilities, int supportedButtons) implements InputEvent {
    }

    /** Accelerometer (type 1, m/s²) or gyroscope (type 2, deg/s) sample. */
    record ControllerMotion(int controller, int type, float x, float y, float z) implements InputEvent {
    }

    /** Battery state and percent (255 unknown). */
    record ControllerBattery(int controller, int state, int percent) implements InputEvent {
    }

    /** Touch contact; x and y normalised to 0..1. Event codes as on the wire (0 hover .. 7 cancel-all). */
    record Touch(int event, int pointerId, float x, float y, float pressure, int rotation) implements InputEvent {
    }

    /** Pen contact; x and y normalised to 0..1. */
    record Pen(int event, int tool, int buttons, float x, float y, float pressure, int rotation, int tilt)
            implements InputEvent {
    }
}
