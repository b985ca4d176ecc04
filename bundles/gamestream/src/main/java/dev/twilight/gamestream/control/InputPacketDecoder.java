package dev.twilight.gamestream.control;

import dev.twilight.api.input.InputEvent;
import dev.twilight.gamestream.crypto.MalformedMessageException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The input packets of control message 0x0206: a BE32 size (the packet's length less these 4 bytes), an LE32
 * magic, then a body whose fields are big- or little-endian by kind. Bodies may be longer than the fields read
 * (newer clients append), never shorter.
 */
final class InputPacketDecoder {

    static final int KEY_DOWN = 0x03;
    static final int KEY_UP = 0x04;
    static final int MOUSE_MOVE_ABSOLUTE = 0x05;
    static final int MOUSE_MOVE_RELATIVE = 0x07;
    static final int MOUSE_BUTTON_DOWN = 0x08;
    static final int MOUSE_BUTTON_UP = 0x09;
    static final int SCROLL = 0x0A;
    static final int MULTI_CONTROLLER = 0x0C;
    static final int UTF8_TEXT = 0x17;
    static final int HORIZONTAL_SCROLL = 0x55000001;
    static final int CONTROLLER_ARRIVAL = 0x55000004;
    static final int CONTROLLER_MOTION = 0x55000006;
    static final int CONTROLLER_BATTERY = 0x55000007;

    private static final int HEADER_BYTES = 8;
    private static final int MAX_TEXT_BYTES = 32;
    private static final int CONTROLLERS = 16;

    private InputPacketDecoder() {
    }

    /**
     * @return the event, or empty for a well-formed packet of a kind not decoded here
     * @throws MalformedMessageException when the size is wrong or the body too short or invalid for its kind
     */
    static Optional<InputEvent> decode(byte[] packet) throws MalformedMessageException {
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
