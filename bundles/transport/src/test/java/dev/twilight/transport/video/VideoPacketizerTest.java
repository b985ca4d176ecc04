package dev.twilight.transport.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.transport.crypto.VideoCipher;
import dev.twilight.transport.fec.ReedSolomon;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every header byte of the sheet (§2.2, §2.3) checked on crafted frames. */
class VideoPacketizerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void smallFrameHasTheSheetsHeadersFrameHeaderAndRaisedParity() {
        // packetSize 64: 80-byte datagrams with 48 payload bytes; 100 bytes + 8 header = 3 data shards
        VideoPacketizer packetizer = new VideoPacketizer(64, 20, 2, 0, null);
        byte[] data = pattern(100);
        long capture = SECOND;
        List<byte[]> datagrams = packetizer.packetize(unit(data, capture), 7, VideoFrameType.IDR, capture + 1_234_560);

        // D = 3 at 20 % gives one parity shard; the client minimum of 2 rewrites F to ⌊200 / 3⌋ = 66
        assertEquals(5, datagrams.size());
        for (int i = 0; i < 5; i++) {
            ByteBuffer packet = littleEndian(datagrams.get(i));
            assertEquals(80, datagrams.get(i).length);
            assertEquals(0x90, packet.get(0) & 0xFF);
            assertEquals(0, packet.get(1));
            assertEquals(i, packet.order(ByteOrder.BIG_ENDIAN).getShort(2));
            assertEquals(90_000, packet.getInt(4), "90 kHz timestamp of a capture 1 s after stream start");
            packet.order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(7, packet.getInt(20));
            assertEquals(0x00, packet.get(27), "block 0 of a single-block frame");
            assertEquals(3 << 22 | i << 12 | 66 << 4, packet.getInt(28));
        }
        int[] flags = {0x05, 0x01, 0x03};
        for (int i = 0; i < 3; i++) {
            ByteBuffer packet = littleEndian(datagrams.get(i));
            assertEquals(0, packet.getInt(8), "SSRC");
            assertEquals(0, packet.getInt(12), "reserved");
            assertEquals(i << 8, packet.getInt(16), "stream packet index");
            assertEquals(flags[i], packet.get(24), "flags of data packet " + i);
            assertEquals(0, packet.get(25));
            assertEquals(0x10, packet.get(26));
        }
        ByteBuffer first = littleEndian(datagrams.get(0));
        assertEquals(0x01, first.get(32), "short frame header");
        assertEquals(12, first.getShort(33), "1.23456 ms of host latency in 1/10 ms");
        assertEquals(2, first.get(35), "IDR");
        assertEquals(108 % 48, first.getShort(36), "payload bytes in the last packet");
        assertEquals(0, first.getShort(38));
        assertArrayEquals(Arrays.copyOf(data, 40), Arrays.copyOfRange(datagrams.get(0), 40, 80));
        assertArrayEquals(Arrays.copyOfRange(data, 40, 88), Arrays.copyOfRange(datagrams.get(1), 32, 80));
        assertArrayEquals(Arrays.copyOfRange(data, 88, 100), Arrays.copyOfRange(datagrams.get(2), 32, 44));
        assertArrayEquals(new byte[36], Arrays.copyOfRange(datagrams.get(2), 44, 80), "zero padding");

        byte[][] shards = {datagrams.get(0).clone(), datagrams.get(1).clone(), datagrams.get(2).clone(),
                new byte[80], new byte[80]};
        ReedSolomon.cauchy(3, 2).encode(shards, 0, 80);
        for (int parity = 0; parity < 2; parity++) {
            assertArrayEquals(Arrays.copyOfRange(shards[3 + parity], 32, 80),
                    Arrays.copyOfRange(datagrams.get(3 + parity), 32, 80),
                    "parity over the data shards");
        }

        List<byte[]> next = packetizer.packetize(unit(new byte[10], capture), 8, VideoFrameType.P_FRAME, capture);
        assertEquals(5, littleEndian(next.get(0)).order(ByteOrder.BIG_ENDIAN).getShort(2), "sequence continues across frames");
        assertEquals(5 << 8, littleEndian(next.get(0)).getInt(16));
        assertEquals(1, next.get(0)[35], "P-frame");
        assertEquals(18, littleEndian(next.get(0)).getShort(36), "a frame within one packet");
    }

    @Test
    void largeFrameSplitsIntoEqualBlocksWithTheirOwnParityAndSequenceNumbers() {
        // packetSize 48: 32 payload bytes per packet; 213 data shards exceed the 212 per block allowed at 20 %
        VideoPacketizer packetizer = new VideoPacketizer(48, 20, 2, 0, null);
        List<byte[]> datagrams = packetizer.packetize(unit(pattern(213 * 32 - 8), 0), 1, VideoFrameType.IDR, 0);

        assertEquals(107 + 22 + 106 + 22, datagrams.size());
        assertBlock(datagrams, 0, 107, 22, 0, 0x40);
        assertBlock(datagrams, 129, 106, 22, 129, 0x50);
        assertEquals(32, littleEndian(datagrams.get(0)).getShort(36), "last payload fills its packet");
        datagrams.forEach(datagram -> assertEquals(64, datagram.length));
    }

    @Test
    void frameNeedingMoreThanFourBlocksGoesOutInFourWithoutFec() {
        VideoPacketizer packetizer = new VideoPacketizer(48, 20, 2, 0, null);
        List<byte[]> datagrams = packetizer.packetize(unit(pattern(849 * 32 - 8), 0), 1, VideoFrameType.IDR, 0);

        assertEquals(849, datagrams.size());
        assertBlock(datagrams, 0, 213, 0, 0, 0xC0);
        assertBlock(datagrams, 213, 213, 0, 213, 0xD0);
        assertBlock(datagrams, 426, 213, 0, 426, 0xE0);
        assertBlock(datagrams, 639, 210, 0, 639, 0xF0);
    }

    @Test
    void frameBeyondWhatFecInfoCanIndexIsRefused() {
        VideoPacketizer packetizer = new VideoPacketizer(48, 20, 2, 0, null);
        assertThrows(IllegalArgumentException.class,
                () -> packetizer.packetize(unit(new byte[4 * 1023 * 32], 0), 1, VideoFrameType.IDR, 0));
    }

    @Test
    void layoutFollowsTheSheetsArithmetic() {
        assertEquals(List.of(new FecLayout.Block(0, 1, 2, 200)), FecLayout.of(1, 20, 2).blocks());
        assertEquals(List.of(new FecLayout.Block(0, 10, 2, 20)), FecLayout.of(10, 20, 2).blocks());
        assertEquals(List.of(new FecLayout.Block(0, 212, 43, 20)), FecLayout.of(212, 20, 2).blocks());
        assertEquals(List.of(new FecLayout.Block(0, 4, 0, 0)), FecLayout.of(4, 0, 2).blocks());
        // a minimum that a 255 % field cannot express caps at 255 %: ⌈1 · 255 / 100⌉ = 3 parity shards
        assertEquals(List.of(new FecLayout.Block(0, 1, 3, 255)), FecLayout.of(1, 20, 5).blocks());
        for (int data = 1; data <= 4 * 212; data++) {
            for (FecLayout.Block block : FecLayout.of(data, 20, 2).blocks()) {
                assertEquals(block.parityShards(), VideoWire.parityShardsFor(block.dataShards(), block.fecPercentage()));
                assertTrue(block.parityShards() >= 2 && block.dataShards() + block.parityShards() <= 255);
            }
        }
    }

    @Test
    void hostLatencyIsRoundedToTenthsOfAMillisecondAndClamped() {
        assertEquals(0, VideoPacketizer.hostLatencyUnits(1_000, 0));
        assertEquals(1, VideoPacketizer.hostLatencyUnits(0, 50_000));
        assertEquals(165, VideoPacketizer.hostLatencyUnits(0, 16_499_999));
        assertEquals(0xFFFF, VideoPacketizer.hostLatencyUnits(0, 60 * SECOND));
    }

    @Test
    void encryptedDatagramsAre32BytesLonger() {
        VideoPacketizer packetizer = new VideoPacketizer(1024, 20, 2, 0, new VideoCipher(new byte[16]));
        assertEquals(1024 + 48, packetizer.datagramBytes());
        packetizer.packetize(unit(pattern(50_000), 0), 1, VideoFrameType.IDR, 0)
                .forEach(datagram -> assertEquals(1024 + 48, datagram.length));
    }

    private static void assertBlock(List<byte[]> datagrams, int firstDatagram, int data, int parity, int lowestSequence,
                                    int multiFecBlocks) {
        int percentage = parity == 0 ? 0 : 20;
        for (int i = 0; i < data + parity; i++) {
            ByteBuffer packet = littleEndian(datagrams.get(firstDatagram + i));
            assertEquals((short) (lowestSequence + i), packet.order(ByteOrder.BIG_ENDIAN).getShort(2));
            packet.order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(multiFecBlocks, packet.get(27) & 0xFF);
            assertEquals(data << 22 | i << 12 | percentage << 4, packet.getInt(28));
            if (i < data) {
                assertEquals((lowestSequence + i) << 8, packet.getInt(16));
                int expectedFlags = 0x01 | (i == 0 ? 0x04 : 0) | (i == data - 1 ? 0x02 : 0);
                assertEquals(expectedFlags, packet.get(24));
            }
        }
    }

    static AccessUnit unit(byte[] data, long captureNanos) {
        return new AccessUnit(VideoCodec.H264, data, false, 0, captureNanos, captureNanos, "test");
    }

    static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + i / 251 + 1);
        }
        return data;
    }

    private static ByteBuffer littleEndian(byte[] datagram) {
        return ByteBuffer.wrap(datagram).order(ByteOrder.LITTLE_ENDIAN);
    }
}
