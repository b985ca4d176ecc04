package dev.twilight.transport.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.transport.crypto.AudioCipher;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioStreamTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("00112233445566778899aabbccddeeff");
    private static final int KEY_ID = -5;
    private static final int DURATION_MS = 5;

    @Test
    void fourDataPacketsAreFollowedByTwoFecPacketsCarryingTheSheetsParity() {
        AudioPacketizer packetizer = new AudioPacketizer(DURATION_MS, null);
        String[] payloads = {"01020304", "11121314", "21222324", "31323334"};
        List<byte[]> datagrams = new ArrayList<>();
        for (String payload : payloads) {
            datagrams.addAll(packetizer.packetize(HEX.parseHex(payload), 0, 4));
        }
        assertEquals(6, datagrams.size());
        for (int i = 0; i < 4; i++) {
            assertEquals("8061" + String.format("%04x", i) + String.format("%08x", i * DURATION_MS) + "00000000" + payloads[i],
                    HEX.formatHex(datagrams.get(i)), "data packet " + i);
        }
        // RTP: version 2, type 127, sequence = last data + 1 + index, timestamp and SSRC 0; then the FEC header:
        // index, protected type 97, base sequence 0, base timestamp 0, SSRC 0; then the parity
        assertEquals("807f0004" + "00000000" + "00000000" + "00610000" + "00000000" + "00000000" + "1b18191e",
                HEX.formatHex(datagrams.get(4)));
        assertEquals("807f0005" + "00000000" + "00000000" + "01610000" + "00000000" + "00000000" + "91929394",
                HEX.formatHex(datagrams.get(5)));

        List<byte[]> nextBlock = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nextBlock.addAll(packetizer.packetize(new byte[3], 0, 3));
        }
        ByteBuffer fec = ByteBuffer.wrap(nextBlock.get(4));
        assertEquals(8, fec.getShort(2), "FEC sequence follows the block's last data packet");
        assertEquals(4, fec.getShort(14), "base sequence");
        assertEquals(4 * DURATION_MS, fec.getInt(16), "base timestamp");
    }

    @Test
    void blocksWithPayloadsOfDifferentLengthsGoOutWithoutFec() {
        AudioPacketizer packetizer = new AudioPacketizer(DURATION_MS, null);
        int datagrams = 0;
        for (int i = 0; i < 4; i++) {
            datagrams += packetizer.packetize(new byte[10 + i], 0, 10 + i).size();
        }
        assertEquals(4, datagrams);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anyTwoLostShardsOfABlockAreRebuilt(boolean encrypted) {
        for (int lostMask = 0; lostMask < 1 << 6; lostMask++) {
            if (Integer.bitCount(lostMask) > 2) {
                continue;
            }
            // block 0 arrives whole (reception synchronises on it); block 1, datagrams 6-11, loses the masked ones
            Stream stream = new Stream(encrypted);
            List<byte[]> opus = stream.send(12);
            List<byte[]> received = new ArrayList<>();
            for (int i = 0; i < stream.datagrams.size(); i++) {
                if (i < 6 || i >= 12 || (lostMask & 1 << i - 6) == 0) {
                    received.add(stream.datagrams.get(i));
                }
            }
            stream.receive(received);
            assertEquals(12, stream.packets.size(), "lost mask " + Integer.toBinaryString(lostMask));
            for (int i = 0; i < 12; i++) {
                ReceivedAudioPacket packet = stream.packets.get(i);
                assertEquals(i, packet.sequenceNumber());
                assertEquals(i * DURATION_MS, packet.timestampMs());
                assertArrayEquals(opus.get(i), packet.opus());
                assertEquals(i >= 4 && i < 8 && (lostMask & 1 << i - 4) != 0, packet.recoveredByFec());
            }
            assertEquals(List.of(), stream.losses);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void threeLostShardsLoseTheMissingPacketsOnceTheNextBlockArrives(boolean encrypted) {
        Stream stream = new Stream(encrypted);
        stream.send(12);
        List<byte[]> received = new ArrayList<>(stream.datagrams);
        // block 0 is datagrams 0-5: lose data 1 and 2 and parity 0
        received.remove(4);
        received.remove(2);
        received.remove(1);
        stream.receive(received.subList(0, 3));
        assertEquals(List.of(0), stream.sequenceNumbers(), "packet 0 goes out at once; 1 waits for FEC");
        stream.receive(received.subList(3, received.size()));

        assertEquals(List.of(0, 3, 4, 5, 6, 7, 8, 9, 10, 11), stream.sequenceNumbers());
        assertEquals(List.of(List.of(1, 1), List.of(2, 1)), stream.losses);
    }

    @Test
    void wholeMissingBlocksAreReportedAsOneGap() {
        Stream stream = new Stream(false);
        stream.send(16);
        List<byte[]> received = new ArrayList<>(stream.datagrams.subList(0, 6));
        received.addAll(stream.datagrams.subList(18, 24));
        stream.receive(received);
        assertEquals(List.of(0, 1, 2, 3, 12, 13, 14, 15), stream.sequenceNumbers());
        assertEquals(List.of(List.of(4, 8)), stream.losses);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sequenceNumbersWrapAroundAndReceptionCanStartMidBlock(boolean encrypted) {
        Stream stream = new Stream(encrypted);
        stream.send(65_544);
        // start listening at sequence 65 530, two packets into a block, and lose one packet after the wrap
        List<byte[]> received = new ArrayList<>();
        for (int i = 0; i < stream.datagrams.size(); i++) {
            ByteBuffer packet = ByteBuffer.wrap(stream.datagrams.get(i));
            boolean data = packet.get(1) == 97;
            int sent = stream.sentAfter.get(i);
            if (sent >= 65_530 && !(data && packet.getShort(2) == 1)) {
                received.add(stream.datagrams.get(i));
            }
        }
        stream.receive(received);
        List<Integer> expected = new ArrayList<>();
        for (int i = 65_530; i < 65_544; i++) {
            expected.add(i & 0xFFFF);
        }
        assertEquals(expected, stream.sequenceNumbers());
        assertTrue(stream.packets.get(stream.packets.size() - 7).recoveredByFec(), "sequence 1");
        assertEquals(List.of(), stream.losses);
    }

    @Test
    void audioCipherUsesTheKeyIdPlusSequenceNumberAsIv() throws Exception {
        AudioCipher cipher = new AudioCipher(KEY, KEY_ID);
        byte[] payload = "opus payload".getBytes();
        byte[] sealed = cipher.encrypt(payload, 0, payload.length, 7);
        assertEquals(16, sealed.length);
        assertEquals(32, AudioCipher.encryptedLength(16), "an aligned payload gains a whole padding block");

        javax.crypto.Cipher reference = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
        byte[] iv = new byte[16];
        ByteBuffer.wrap(iv).putInt(KEY_ID + 7);
        reference.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(KEY, "AES"),
                new javax.crypto.spec.IvParameterSpec(iv));
        assertArrayEquals(payload, reference.doFinal(sealed));
        assertArrayEquals(payload, cipher.decrypt(sealed, 0, sealed.length, 7));
    }

    /** A packetizer and a depacketizer for CBR Opus packets of 60 bytes, 120 in every other block. */
    private static final class Stream {
        final AudioPacketizer packetizer;
        final AudioDepacketizer depacketizer;
        final List<byte[]> datagrams = new ArrayList<>();
        /** For each datagram, the index of the Opus packet whose packetize call produced it. */
        final List<Integer> sentAfter = new ArrayList<>();
        final List<ReceivedAudioPacket> packets = new ArrayList<>();
        final List<List<Integer>> losses = new ArrayList<>();

        Stream(boolean encrypted) {
            packetizer = new AudioPacketizer(DURATION_MS, encrypted ? new AudioCipher(KEY, KEY_ID) : null);
            depacketizer = new AudioDepacketizer(DURATION_MS, encrypted ? new AudioCipher(KEY, KEY_ID) : null,
                    new AudioPacketListener() {
                        @Override
                        public void packetReceived(ReceivedAudioPacket packet) {
                            packets.add(packet);
                        }

                        @Override
                        public void packetsLost(int firstSequenceNumber, int count) {
                            losses.add(List.of(firstSequenceNumber, count));
                        }
                    });
        }

        /** Sends {@code count} Opus packets and returns them. */
        List<byte[]> send(int count) {
            List<byte[]> opus = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] payload = new byte[i / 4 % 2 == 0 ? 60 : 120];
                Arrays.fill(payload, (byte) (i * 7));
                payload[0] = (byte) i;
                opus.add(payload);
                for (byte[] datagram : packetizer.packetize(payload, 0, payload.length)) {
                    datagrams.add(datagram);
                    sentAfter.add(i);
                }
            }
            return opus;
        }

        void receive(List<byte[]> received) {
            for (byte[] datagram : received) {
                depacketizer.accept(datagram, 0, datagram.length);
            }
        }

        List<Integer> sequenceNumbers() {
            return packets.stream().map(ReceivedAudioPacket::sequenceNumber).toList();
        }
    }
}
