package dev.twilight.gamestream.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The encrypted RTSP and control framings, checked against the fact sheet's layout with the JDK's own AES-GCM. */
class StreamCiphersTest {

    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rtspMessagesAreFramedAsTheSheetSays() throws Exception {
        byte[] request = "OPTIONS rtsp://h:48010 RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] framed = RtspCipher.seal(KEY, Sender.CLIENT, 7, request);

        ByteBuffer header = ByteBuffer.wrap(framed);
        assertEquals(0x80000000 | request.length, header.getInt());
        assertEquals(7, header.getInt());
        byte[] expected = jdkGcm(7, 'C', 'R', request);
        assertArrayEquals(Arrays.copyOfRange(expected, request.length, expected.length),
                Arrays.copyOfRange(framed, 8, 24), "the tag comes first");
        assertArrayEquals(Arrays.copyOf(expected, request.length), Arrays.copyOfRange(framed, 24, framed.length));

        assertArrayEquals(request, RtspCipher.open(KEY, Sender.CLIENT, framed).orElseThrow());
    }

    @Test
    void eachSideOpensOnlyWhatTheOtherSealed() throws Exception {
        byte[] reply = "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] framed = RtspCipher.seal(KEY, Sender.HOST, 1, reply);
        assertArrayEquals(reply, RtspCipher.open(KEY, Sender.HOST, framed).orElseThrow());
        assertTrue(RtspCipher.open(KEY, Sender.CLIENT, framed).isEmpty(), "the direction is part of the IV");
        assertTrue(RtspCipher.open(OTHER_KEY, Sender.HOST, framed).isEmpty());

        byte[] message = ControlCipher.seal(KEY, Sender.HOST, 3, new ControlMessage(0x0109, new byte[] {1, 2}));
        assertTrue(ControlCipher.open(KEY, Sender.CLIENT, message).isEmpty());
        ControlMessage opened = ControlCipher.open(KEY, Sender.HOST, message).orElseThrow();
        assertEquals(0x0109, opened.type());
        assertArrayEquals(new byte[] {1, 2}, opened.payload());
    }

    @Test
    void rtspRepliesWhoseLengthDisagreesAreMalformed() {
        byte[] framed = RtspCipher.seal(KEY, Sender.HOST, 1, new byte[10]);
        assertThrows(MalformedMessageException.class,
                () -> RtspCipher.open(KEY, Sender.HOST, Arrays.copyOf(framed, framed.length - 1)));
        assertThrows(MalformedMessageException.class,
                () -> RtspCipher.open(KEY, Sender.HOST, Arrays.copyOf(framed, framed.length + 1)));
        byte[] plaintext = Arrays.copyOf(framed, framed.length);
        plaintext[0] &= 0x7F;
        assertThrows(MalformedMessageException.class, () -> RtspCipher.open(KEY, Sender.HOST, plaintext));
        assertThrows(MalformedMessageException.class, () -> RtspCipher.open(KEY, Sender.HOST, new byte[23]));
    }

    @Test
    void controlMessagesAreFramedAsTheSheetSays() throws Exception {
        byte[] payload = {0, 0};
        byte[] wire = ControlCipher.seal(KEY, Sender.CLIENT, 0x01020304, new ControlMessage(0x0302, payload));

        ByteBuffer framing = ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, framing.getShort());
        assertEquals(wire.length - 4, framing.getShort());
        assertEquals(0x01020304, framing.getInt());
        byte[] plaintext = {0x02, 0x03, 2, 0, 0, 0};
        byte[] expected = jdkGcm(0x01020304, 'C', 'C', plaintext);
        assertArrayEquals(Arrays.copyOfRange(expected, plaintext.length, expected.length),
                Arrays.copyOfRange(wire, 8, 24));
        assertArrayEquals(Arrays.copyOf(expected, plaintext.length), Arrays.copyOfRange(wire, 24, wire.length));
    }

    @Test
    void brokenControlFramingIsMalformed() {
        byte[] wire = ControlCipher.seal(KEY, Sender.CLIENT, 0, new ControlMessage(0x0200, new byte[8]));
        assertThrows(MalformedMessageException.class, () -> ControlCipher.open(KEY, Sender.CLIENT, new byte[27]));
        byte[] wrongLength = wire.clone();
        wrongLength[2]++;
        assertThrows(MalformedMessageException.class, () -> ControlCipher.open(KEY, Sender.CLIENT, wrongLength));
        byte[] notEncrypted = wire.clone();
        notEncrypted[0] = 2;
        assertThrows(MalformedMessageException.class, () -> ControlCipher.open(KEY, Sender.CLIENT, notEncrypted));
        byte[] innerLengthWrong = ControlCipher.seal(KEY, Sender.CLIENT, 0, new ControlMessage(0x0001, new byte[0]));
        assertThrows(MalformedMessageException.class,
                () -> ControlCipher.open(KEY, Sender.CLIENT, innerLengthWrong), "0x0001 is never an inner type");
        byte[] tampered = wire.clone();
        tampered[tampered.length - 1] ^= 1;
        assertDoesNotOpen(tampered);
    }

    private static void assertDoesNotOpen(byte[] wire) {
        try {
            assertTrue(ControlCipher.open(KEY, Sender.CLIENT, wire).isEmpty());
        } catch (MalformedMessageException e) {
            throw new AssertionError("a tampered message is unauthenticated, not malformed", e);
        }
    }

    /** Ciphertext followed by tag, as the JDK writes them; IV sequence LE, zeros, sender, stream. */
    private static byte[] jdkGcm(int sequence, char sender, char stream, byte[] plaintext) throws Exception {
        byte[] iv = new byte[12];
        ByteBuffer.wrap(iv).order(ByteOrder.LITTLE_ENDIAN).putInt(sequence);
        iv[10] = (byte) sender;
        iv[11] = (byte) stream;
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, iv));
        return cipher.doFinal(plaintext);
    }
}
