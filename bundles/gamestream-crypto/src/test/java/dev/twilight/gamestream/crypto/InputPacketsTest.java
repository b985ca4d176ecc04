package dev.twilight.gamestream.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.input.InputEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input packets as moonlight-common-c writes them, decoded into the API's events. */
class InputPacketsTest {

    @Test
    void keysCarryTheirCodeAndModifiers() throws Exception {
        assertEquals(new InputEvent.Key(false, 0x8041, InputEvent.MODIFIER_CTRL | InputEvent.MODIFIER_ALT),
                decode(0x04, le(6).put((byte) 1).putShort((short) 0x8041).put((byte) 0x06).putShort((short) 0)));
    }

    @Test
    void mouseEventsAreBigEndian() throws Exception {
        assertEquals(new InputEvent.MouseMove(-300, 2), decode(0x07, be(4).putShort((short) -300).putShort((short) 2)));
        assertEquals(new InputEvent.MousePosition(100, 50, 1920, 1080), decode(0x05, be(10).putShort((short) 100)
                .putShort((short) 50).putShort((short) 0).putShort((short) 1919).putShort((short) 1079)));
        assertEquals(new InputEvent.MouseButton(false, 3), decode(0x09, be(1).put((byte) 3)));
        assertEquals(new InputEvent.Scroll(false, -120), decode(0x0A, be(6).putShort((short) -120)
                .putShort((short) -120).putShort((short) 0)));
        assertEquals(new InputEvent.Scroll(true, 240), decode(0x55000001, be(2).putShort((short) 240)));
    }

    @Test
    void textIsUtf8() throws Exception {
        byte[] text = "日本".getBytes(StandardCharsets.UTF_8);
        assertEquals(new InputEvent.Text("日本"), decode(0x17, be(text.length).put(text)));
        assertThrows(MalformedMessageException.class, () -> decode(0x17, be(1).put((byte) 0xFF)));
        assertThrows(MalformedMessageException.class, () -> decode(0x17, be(33)));
    }

    @Test
    void controllerStateJoinsBothButtonHalves() throws Exception {
        ByteBuffer body = le(26).putShort((short) 0x1A).putShort((short) 2).putShort((short) 0x5)
                .putShort((short) 0x14).putShort((short) 0x1001).put((byte) 10).put((byte) 255)
                .putShort((short) -32768).putShort((short) 32767).putShort((short) 1).putShort((short) -1)
                .putShort((short) 0x9C).putShort((short) 0x0010).putShort((short) 0x55);
        assertEquals(new InputEvent.ControllerState(2, 0x5, 0x101001, 10, 255, -32768, 32767, 1, -1),
                decode(0x0C, body));
        body.putShort(2, (short) 16);
        assertThrows(MalformedMessageException.class, () -> decode(0x0C, body));
    }

    @Test
    void controllerExtensions() throws Exception {
        assertEquals(new InputEvent.ControllerArrival(1, 2, 0x1FF, 0x3FFFFF), decode(0x55000004,
                le(8).put((byte) 1).put((byte) 2).putShort((short) 0x1FF).putInt(0x3FFFFF)));
        assertEquals(new InputEvent.ControllerMotion(3, 2, 1.5f, -2f, 0f), decode(0x55000006,
                le(16).put((byte) 3).put((byte) 2).putShort((short) 0).putFloat(1.5f).putFloat(-2f).putFloat(0f)));
        assertEquals(new InputEvent.ControllerBattery(0, 2, 80), decode(0x55000007,
                le(4).put((byte) 0).put((byte) 2).put((byte) 80).put((byte) 0)));
    }

    @Test
    void kindsNotDecodedAreEmptyAndBrokenPacketsMalformed() throws Exception {
        assertTrue(InputPackets.decode(packet(0x0D, le(2).putShort((short) 1))).isEmpty());
        assertThrows(MalformedMessageException.class, () -> decode(0x03, le(3)));
        assertThrows(MalformedMessageException.class, () -> InputPackets.decode(new byte[7]));
        byte[] wrongSize = packet(0x08, be(1).put((byte) 1));
        wrongSize[3]++;
        assertThrows(MalformedMessageException.class, () -> InputPackets.decode(wrongSize));
    }

    @Test
    void whatTheClientEncodesIsWhatTheSheetShowsAndTheHostDecodes() throws Exception {
        InputEvent key = new InputEvent.Key(true, 0x41, InputEvent.MODIFIER_SHIFT);
        assertArrayEquals(packet(0x03, le(6).put((byte) 0).putShort((short) 0x41).put((byte) 1).putShort((short) 0)),
                InputPackets.encode(key));
        assertArrayEquals(packet(0x0A, be(6).putShort((short) 120).putShort((short) 120).putShort((short) 0)),
                InputPackets.encode(new InputEvent.Scroll(false, 120)));
        List<InputEvent> events = List.of(key, new InputEvent.Key(false, 0x8041, InputEvent.MODIFIER_META),
                new InputEvent.Text("héllo 日本"), new InputEvent.MouseMove(-5, 32767),
                new InputEvent.MousePosition(1279, 0, 1280, 720), new InputEvent.MouseButton(true, 1),
                new InputEvent.MouseButton(false, 5), new InputEvent.Scroll(false, -240),
                new InputEvent.Scroll(true, 120),
                new InputEvent.ControllerState(15, 0x8001, 0x3FF00F, 0, 255, -32768, 32767, 0, -1),
                new InputEvent.ControllerArrival(0, 1, 0x3, 0xFFFF),
                new InputEvent.ControllerMotion(1, 2, 0.5f, -9.81f, 360f),
                new InputEvent.ControllerBattery(2, 3, 55));
        for (InputEvent event : events) {
            assertEquals(event, InputPackets.decode(InputPackets.encode(event)).orElseThrow());
        }
    }

    @Test
    void motionBeyondSixteenBitsIsClampedAndOutOfRangeEventsRefused() throws Exception {
        assertEquals(new InputEvent.MouseMove(32767, -32768),
                InputPackets.decode(InputPackets.encode(new InputEvent.MouseMove(40000, -40000))).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> InputPackets.encode(new InputEvent.Text("x".repeat(33))));
        assertThrows(IllegalArgumentException.class, () -> InputPackets.encode(new InputEvent.Text("")));
        assertThrows(IllegalArgumentException.class,
                () -> InputPackets.encode(new InputEvent.ControllerBattery(16, 0, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> InputPackets.encode(new InputEvent.Touch(1, 0, 0.5f, 0.5f, 1f, 0)));
    }

    @Test
    void eachDeviceHasItsChannel() {
        assertEquals(0x02, InputPackets.channel(new InputEvent.Key(true, 0x41, 0)));
        assertEquals(0x03, InputPackets.channel(new InputEvent.Scroll(true, 1)));
        assertEquals(0x06, InputPackets.channel(new InputEvent.Text("a")));
        assertEquals(0x13, InputPackets.channel(new InputEvent.ControllerBattery(3, 0, 0)));
        assertEquals(0x23, InputPackets.channel(new InputEvent.ControllerMotion(3, 1, 0, 0, 0)));
    }

    private static InputEvent decode(int magic, ByteBuffer body) throws MalformedMessageException {
        return InputPackets.decode(packet(magic, body)).orElseThrow();
    }

    private static byte[] packet(int magic, ByteBuffer body) {
        byte[] bytes = body.array();
        return ByteBuffer.allocate(8 + bytes.length).putInt(4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(magic).put(bytes).array();
    }

    private static ByteBuffer be(int length) {
        return ByteBuffer.allocate(length);
    }

    private static ByteBuffer le(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
