package dev.twilight.gamestream.crypto;

import dev.twilight.api.input.InputEvent;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The input packets of control message 0x0206: a BE32 size (the packet's length less these 4 bytes), an LE32
 * magic, then a body whose fields are big- or little-endian by kind. The host decodes them, the client encodes
 * them; both sides use this one class so that each kind's layout is written once. Bodies may be longer than the
 * fields read (newer clients append), never shorter.
 */
public final class InputPackets {

    private static final int KEY_DOWN = 0x03;
    private static final int KEY_UP = 0x04;
    private static final int MOUSE_MOVE_ABSOLUTE = 0x05;
    private static final int MOUSE_MOVE_RELATIVE = 0x07;
    private static final int MOUSE_BUTTON_DOWN = 0x08;
    private static final int MOUSE_BUTTON_UP = 0x09;
    private static final int SCROLL = 0x0A;
    private static final int MULTI_CONTROLLER = 0x0C;
    private static final int UTF8_TEXT = 0x17;
    private static final int HORIZONTAL_SCROLL = 0x55000001;
    private static final int CONTROLLER_ARRIVAL = 0x55000004;
    private static final int CONTROLLER_MOTION = 0x55000006;
    private static final int CONTROLLER_BATTERY = 0x55000007;

    private static final int HEADER_BYTES = 8;
    private static final int MAX_TEXT_BYTES = 32;
    private static final int CONTROLLERS = 16;

    /** ENet channels of the client's input (fact sheet §4.2). */
    private static final int KEYBOARD_CHANNEL = 0x02;
    private static final int MOUSE_CHANNEL = 0x03;
    private static final int PEN_CHANNEL = 0x04;
    private static final int TOUCH_CHANNEL = 0x05;
    private static final int TEXT_CHANNEL = 0x06;
    private static final int GAMEPAD_CHANNEL = 0x10;
    private static final int MOTION_CHANNEL = 0x20;
    /** The constant words of the multi-controller body. */
    private static final short CONTROLLER_HEADER_A = 0x1A;
    private static final short CONTROLLER_HEADER_B = 0x14;
    private static final short CONTROLLER_HEADER_C = 0x9C;
    private static final short CONTROLLER_TRAILER = 0x55;

    private InputPackets() {
    }

    /**
     * @return the event, or empty for a well-formed packet of a kind not decoded here
     * @throws MalformedMessageException when the size is wrong or the body too short or invalid for its kind
     */
    public static Optional<InputEvent> decode(byte[] packet) throws MalformedMessageException {
        if (packet.length < HEADER_BYTES) {
            throw new MalformedMessageException("a " + packet.length + "-byte input packet has no whole header");
        }
        ByteBuffer header = ByteBuffer.wrap(packet);
        long size = Integer.toUnsignedLong(header.getInt());
        if (size != packet.length - 4) {
            throw new MalformedMessageException("an input packet of " + packet.length + " bytes gives its size as "
                    + size);
        }
        int magic = header.order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer body = ByteBuffer.wrap(packet, HEADER_BYTES, packet.length - HEADER_BYTES).slice();
        try {
            return Optional.ofNullable(decode(magic, body));
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("the body of input 0x" + Integer.toHexString(magic) + " is "
                    + body.capacity() + " bytes, too short");
        }
    }

    /**
     * The packet of one event, as a GameStream client sends it in control message 0x0206.
     *
     * @throws IllegalArgumentException for touch and pen (this client does not send them yet), text over 32
     *                                  UTF-8 bytes (split it first) and controller numbers outside 0 to 15
     */
    public static byte[] encode(InputEvent event) {
        if (event instanceof InputEvent.Key key) {
            return packet(key.down() ? KEY_DOWN : KEY_UP, ByteOrder.LITTLE_ENDIAN, 6).put((byte) 0)
                    .putShort((short) key.virtualKey()).put((byte) key.modifiers()).putShort((short) 0).array();
        } else if (event instanceof InputEvent.Text text) {
            return text(text.text());
        } else if (event instanceof InputEvent.MouseMove move) {
            return packet(MOUSE_MOVE_RELATIVE, ByteOrder.BIG_ENDIAN, 4).putShort(clamp(move.dx()))
                    .putShort(clamp(move.dy())).array();
        } else if (event instanceof InputEvent.MousePosition position) {
            return packet(MOUSE_MOVE_ABSOLUTE, ByteOrder.BIG_ENDIAN, 10).putShort(clamp(position.x()))
                    .putShort(clamp(position.y())).putShort((short) 0)
                    .putShort((short) (position.referenceWidth() - 1))
                    .putShort((short) (position.referenceHeight() - 1)).array();
        } else if (event instanceof InputEvent.MouseButton button) {
            return packet(button.down() ? MOUSE_BUTTON_DOWN : MOUSE_BUTTON_UP, ByteOrder.BIG_ENDIAN, 1)
                    .put((byte) button.button()).array();
        } else if (event instanceof InputEvent.Scroll scroll) {
            short amount = clamp(scroll.amount());
            return scroll.horizontal()
                    ? packet(HORIZONTAL_SCROLL, ByteOrder.BIG_ENDIAN, 2).putShort(amount).array()
                    : packet(SCROLL, ByteOrder.BIG_ENDIAN, 6).putShort(amount).putShort(amount).putShort((short) 0)
                            .array();
        } else if (event instanceof InputEvent.ControllerState state) {
            return packet(MULTI_CONTROLLER, ByteOrder.LITTLE_ENDIAN, 26)
                    .putShort(CONTROLLER_HEADER_A).putShort((short) checkedController(state.controller()))
                    .putShort((short) state.activeMask()).putShort(CONTROLLER_HEADER_B)
                    .putShort((short) state.buttons()).put((byte) state.leftTrigger()).put((byte) state.rightTrigger())
                    .putShort((short) state.leftStickX()).putShort((short) state.leftStickY())
                    .putShort((short) state.rightStickX()).putShort((short) state.rightStickY())
                    .putShort(CONTROLLER_HEADER_C).putShort((short) (state.buttons() >>> 16))
                    .putShort(CONTROLLER_TRAILER).array();
        } else if (event instanceof InputEvent.ControllerArrival arrival) {
            return packet(CONTROLLER_ARRIVAL, ByteOrder.LITTLE_ENDIAN, 8)
                    .put((byte) checkedController(arrival.controller())).put((byte) arrival.type())
                    .putShort((short) arrival.capabilities()).putInt(arrival.supportedButtons()).array();
        } else if (event instanceof InputEvent.ControllerMotion motion) {
            return packet(CONTROLLER_MOTION, ByteOrder.LITTLE_ENDIAN, 16)
                    .put((byte) checkedController(motion.controller())).put((byte) motion.type()).putShort((short) 0)
                    .putFloat(motion.x()).putFloat(motion.y()).putFloat(motion.z()).array();
        } else if (event instanceof InputEvent.ControllerBattery battery) {
            return packet(CONTROLLER_BATTERY, ByteOrder.LITTLE_ENDIAN, 4)
                    .put((byte) checkedController(battery.controller())).put((byte) battery.state())
                    .put((byte) battery.percent()).put((byte) 0).array();
        }
        throw new IllegalArgumentException(event.getClass().getSimpleName() + " input is not sent by this client");
    }

    /**
     * The ENet channel a client sends the event on: one per device kind and one per gamepad, so that a lost
     * datagram of one never holds back the others.
     */
    public static int channel(InputEvent event) {
        if (event instanceof InputEvent.Key) {
            return KEYBOARD_CHANNEL;
        } else if (event instanceof InputEvent.Text) {
            return TEXT_CHANNEL;
        } else if (event instanceof InputEvent.ControllerState state) {
            return GAMEPAD_CHANNEL + state.controller();
        } else if (event instanceof InputEvent.ControllerArrival arrival) {
            return GAMEPAD_CHANNEL + arrival.controller();
        } else if (event instanceof InputEvent.ControllerBattery battery) {
            return GAMEPAD_CHANNEL + battery.controller();
        } else if (event instanceof InputEvent.ControllerMotion motion) {
            return MOTION_CHANNEL + motion.controller();
        } else if (event instanceof InputEvent.Touch) {
            return TOUCH_CHANNEL;
        } else if (event instanceof InputEvent.Pen) {
            return PEN_CHANNEL;
        }
        return MOUSE_CHANNEL;
    }

    /** The header, size included, and room for a body of {@code bodyBytes} in the kind's byte order. */
    private static ByteBuffer packet(int magic, ByteOrder bodyOrder, int bodyBytes) {
        return ByteBuffer.allocate(HEADER_BYTES + bodyBytes)
                .putInt(HEADER_BYTES - 4 + bodyBytes)
                .order(ByteOrder.LITTLE_ENDIAN).putInt(magic)
                .order(bodyOrder);
    }

    private static byte[] text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == 0 || utf8.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("text input is sent 1 to " + MAX_TEXT_BYTES + " UTF-8 bytes at a "
                    + "time, not " + utf8.length);
        }
        return packet(UTF8_TEXT, ByteOrder.BIG_ENDIAN, utf8.length).put(utf8).array();
    }

    /** The wire's signed 16-bit fields: larger motion is clamped, as clients do, rather than wrapped. */
    private static short clamp(int value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    private static int checkedController(int controller) {
        if (controller < 0 || controller >= CONTROLLERS) {
            throw new IllegalArgumentException("controller " + controller + " is not one of 0 to " + (CONTROLLERS - 1));
        }
        return controller;
    }

    /** @return null for kinds not decoded here */
    private static InputEvent decode(int magic, ByteBuffer body) throws MalformedMessageException {
        return switch (magic) {
            case KEY_DOWN, KEY_UP -> key(magic == KEY_DOWN, body.order(ByteOrder.LITTLE_ENDIAN));
            case UTF8_TEXT -> text(body);
            case MOUSE_MOVE_RELATIVE -> new InputEvent.MouseMove(body.getShort(), body.getShort());
            case MOUSE_MOVE_ABSOLUTE -> mousePosition(body);
            case MOUSE_BUTTON_DOWN, MOUSE_BUTTON_UP ->
                    new InputEvent.MouseButton(magic == MOUSE_BUTTON_DOWN, Byte.toUnsignedInt(body.get()));
            // the amount is repeated after itself; the first is the one read
            case SCROLL -> new InputEvent.Scroll(false, body.getShort());
            case HORIZONTAL_SCROLL -> new InputEvent.Scroll(true, body.getShort());
            case MULTI_CONTROLLER -> controllerState(body.order(ByteOrder.LITTLE_ENDIAN));
            case CONTROLLER_ARRIVAL -> controllerArrival(body.order(ByteOrder.LITTLE_ENDIAN));
            case CONTROLLER_MOTION -> controllerMotion(body.order(ByteOrder.LITTLE_ENDIAN));
            case CONTROLLER_BATTERY -> new InputEvent.ControllerBattery(controller(body), Byte.toUnsignedInt(
                    body.get()), Byte.toUnsignedInt(body.get()));
            default -> null;
        };
    }

    /** u8 flags, LE16 virtual-key code, u8 modifiers, 2 zero bytes. */
    private static InputEvent key(boolean down, ByteBuffer body) {
        body.get();
        int virtualKey = Short.toUnsignedInt(body.getShort());
        int modifiers = Byte.toUnsignedInt(body.get());
        body.getShort();
        return new InputEvent.Key(down, virtualKey, modifiers);
    }

    private static InputEvent text(ByteBuffer body) throws MalformedMessageException {
        if (body.remaining() == 0 || body.remaining() > MAX_TEXT_BYTES) {
            throw new MalformedMessageException(body.remaining() + " bytes of text, not 1 to " + MAX_TEXT_BYTES);
        }
        try {
            return new InputEvent.Text(StandardCharsets.UTF_8.newDecoder().decode(body).toString());
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("text that is not UTF-8");
        }
    }

    /** BE16 x, y, 2 unused bytes, BE16 reference width - 1, height - 1. */
    private static InputEvent mousePosition(ByteBuffer body) {
        short x = body.getShort();
        short y = body.getShort();
        body.getShort();
        int width = Short.toUnsignedInt(body.getShort()) + 1;
        int height = Short.toUnsignedInt(body.getShort()) + 1;
        return new InputEvent.MousePosition(x, y, width, height);
    }

    /**
     * LE16 0x1A, controller, active mask, 0x14, buttons (low 16 bits), u8 left and right trigger, LE16 sticks LX,
     * LY, RX, RY, 0x9C, buttons (high 16 bits), 0x55; the constant fields are not checked, as by Sunshine.
     */
    private static InputEvent controllerState(ByteBuffer body) throws MalformedMessageException {
        body.getShort();
        int controller = Short.toUnsignedInt(body.getShort());
        checkController(controller);
        int activeMask = Short.toUnsignedInt(body.getShort());
        body.getShort();
        int buttonsLow = Short.toUnsignedInt(body.getShort());
        int leftTrigger = Byte.toUnsignedInt(body.get());
        int rightTrigger = Byte.toUnsignedInt(body.get());
        short leftX = body.getShort();
        short leftY = body.getShort();
        short rightX = body.getShort();
        short rightY = body.getShort();
        body.getShort();
        int buttonsHigh = Short.toUnsignedInt(body.getShort());
        body.getShort();
        return new InputEvent.ControllerState(controller, activeMask, buttonsHigh << 16 | buttonsLow, leftTrigger,
                rightTrigger, leftX, leftY, rightX, rightY);
    }

    /** u8 controller, u8 type, LE16 capabilities, LE32 supported buttons (a zeroed state packet follows). */
    private static InputEvent controllerArrival(ByteBuffer body) throws MalformedMessageException {
        int controller = controller(body);
        int type = Byte.toUnsignedInt(body.get());
        int capabilities = Short.toUnsignedInt(body.getShort());
        return new InputEvent.ControllerArrival(controller, type, capabilities, body.getInt());
    }

    /** u8 controller, u8 sensor type, 2 zero bytes, LE float x, y, z. */
    private static InputEvent controllerMotion(ByteBuffer body) throws MalformedMessageException {
        int controller = controller(body);
        int type = Byte.toUnsignedInt(body.get());
        body.getShort();
        return new InputEvent.ControllerMotion(controller, type, body.getFloat(), body.getFloat(), body.getFloat());
    }

    private static int controller(ByteBuffer body) throws MalformedMessageException {
        int controller = Byte.toUnsignedInt(body.get());
        checkController(controller);
        return controller;
    }

    private static void checkController(int controller) throws MalformedMessageException {
        if (controller >= CONTROLLERS) {
            throw new MalformedMessageException("controller " + controller + " of " + CONTROLLERS);
        }
    }
}
