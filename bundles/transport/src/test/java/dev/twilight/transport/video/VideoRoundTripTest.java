package dev.twilight.transport.video;

import static dev.twilight.transport.video.VideoPacketizerTest.pattern;
import static dev.twilight.transport.video.VideoPacketizerTest.unit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.transport.crypto.VideoCipher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Packetizer → datagrams (with loss, reordering, duplication, tampering) → depacketizer. */
class VideoRoundTripTest {

    private static final byte[] KEY = pattern(16);
    private static final int PACKET_SIZE = 1392;
    private static final int[] FRAME_SIZES = {1, 2, 7, 8, 9, 100, 1367, 1368, 1369, 2744, 2745, 10_000, 40_000, 150_000,
            212 * 1376 - 8, 212 * 1376 - 7, 300_000, 600_000};

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void framesOfEverySizeComeBackExactly(boolean encrypted) {
        for (int packetSize : new int[] {PACKET_SIZE, 256}) {
            Session session = new Session(packetSize, encrypted);
            int datagramBytes = packetSize + 16 + (encrypted ? 32 : 0);
            for (int size : FRAME_SIZES) {
                byte[] data = pattern(size);
                List<byte[]> datagrams = session.packetize(data);
                datagrams.forEach(datagram -> assertEquals(datagramBytes, datagram.length));
                session.deliver(datagrams);
                ReceivedVideoFrame frame = session.lastFrame();
                assertArrayEquals(data, frame.data(), size + " bytes at packet size " + packetSize);
                assertEquals(session.frameIndex, frame.frameIndex());
                assertEquals(session.frameType(session.frameIndex), frame.frameType());
                assertEquals(25, frame.hostLatencyTenthsMs());
                assertEquals((int) (session.frameIndex * 1500), frame.rtpTimestamp(), "1/60 s apart at 90 kHz");
                assertFalse(frame.recoveredByFec());
            }
            assertEquals(List.of(), session.losses);
            assertEquals(FRAME_SIZES.length, session.depacketizer.statistics().framesComplete());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void lossUpToTheParityOfEveryBlockIsRecoveredInAnyOrder(boolean encrypted) {
        Session session = new Session(PACKET_SIZE, encrypted);
        Random random = new Random(42);
        for (int size : new int[] {1, 3_000, 150_000, 400_000, 1_000_000}) {
            byte[] data = pattern(size);
            List<byte[]> datagrams = session.packetize(data);
            List<byte[]> received = new ArrayList<>();
            for (Block block : blocksOf(size, PACKET_SIZE)) {
                List<byte[]> kept = new ArrayList<>(datagrams.subList(block.first, block.first + block.data + block.parity));
                Collections.shuffle(kept, random);
                // always lose the first data packet, then parity-many minus one at random
                kept.remove(datagrams.get(block.first));
                for (int i = 1; i < block.parity; i++) {
                    kept.remove(random.nextInt(kept.size()));
                }
                received.addAll(kept);
            }
            session.deliver(received);
            assertArrayEquals(data, session.lastFrame().data(), size + " bytes");
            assertTrue(session.lastFrame().recoveredByFec());
        }
        VideoReceiveStatistics statistics = session.depacketizer.statistics();
        assertEquals(5, statistics.framesComplete());
        assertEquals(5, statistics.framesRecoveredByFec());
        assertEquals(0, statistics.framesLost());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void lossBeyondParityLosesOnlyThatFrame(boolean encrypted) {
        Session session = new Session(PACKET_SIZE, encrypted);
        for (int frame = 1; frame <= 4; frame++) {
            List<byte[]> datagrams = new ArrayList<>(session.packetize(pattern(20_000)));
            if (frame == 2) {
                Block block = blocksOf(20_000, PACKET_SIZE).get(0);
                datagrams.subList(3, 3 + block.parity + 1).clear();
            }
            session.deliver(datagrams);
        }
        assertEquals(List.of(1L, 3L, 4L), session.frameIndexes());
        assertEquals(List.of(List.of(2L, 2L)), session.losses);
        VideoReceiveStatistics statistics = session.depacketizer.statistics();
        assertEquals(3, statistics.framesComplete());
        assertEquals(1, statistics.framesLost());
        assertEquals(blocksOf(20_000, PACKET_SIZE).get(0).parity + 1, statistics.packetsMissing());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void missingFramesAndBlocksAreReportedWhenLaterDataArrives(boolean encrypted) {
        Session session = new Session(PACKET_SIZE, encrypted);
        int threeBlocks = 600_000;
        List<Block> blocks = blocksOf(threeBlocks, PACKET_SIZE);
        assertEquals(3, blocks.size());

        session.deliver(session.packetize(pattern(5_000)));
        session.packetize(pattern(5_000));
        session.packetize(pattern(5_000));
        List<byte[]> frame4 = new ArrayList<>(session.packetize(pattern(threeBlocks)));
        frame4.subList(blocks.get(1).first, blocks.get(2).first).clear();
        session.deliver(frame4);
        List<byte[]> frame5 = new ArrayList<>(session.packetize(pattern(threeBlocks)));
        frame5.subList(0, blocks.get(1).first).clear();
        session.deliver(frame5);
        session.deliver(session.packetize(pattern(5_000)));

        assertEquals(List.of(1L, 6L), session.frameIndexes());
        assertEquals(List.of(List.of(2L, 3L), List.of(4L, 4L), List.of(5L, 5L)), session.losses);
        assertEquals(4, session.depacketizer.statistics().framesLost());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void duplicateAndStalePacketsAreRejected(boolean encrypted) {
        Session session = new Session(PACKET_SIZE, encrypted);
        List<byte[]> first = session.packetize(pattern(30_000));
        session.deliver(first);
        session.deliver(first);
        List<byte[]> second = session.packetize(pattern(30_000));
        session.deliver(second.subList(0, 5));
        session.deliver(second.subList(0, 5));
        session.deliver(second.subList(5, second.size()));

        assertEquals(List.of(1L, 2L), session.frameIndexes());
        VideoReceiveStatistics statistics = session.depacketizer.statistics();
        assertEquals(2L * first.size() + second.size() + 5, statistics.packetsReceived());
        // the repeated frame, the repeated five, and each frame's parity, which arrives after the data completed it
        int parity = blocksOf(30_000, PACKET_SIZE).get(0).parity;
        assertEquals(first.size() + 5 + 2 * parity, statistics.packetsDiscarded());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void framesStartingLaterThanOneReportTheEarlierOnesLost(boolean encrypted) {
        Session session = new Session(PACKET_SIZE, encrypted);
        session.packetize(pattern(100));
        session.packetize(pattern(100));
        session.deliver(session.packetize(pattern(100)));
        assertEquals(List.of(3L), session.frameIndexes());
        assertEquals(List.of(List.of(1L, 2L)), session.losses);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 40, 5000})
    void aTamperedEncryptedPacketFailsAuthenticationAndIsRebuiltFromParity(int tamperedByte) {
        Session session = new Session(PACKET_SIZE, true);
        byte[] data = pattern(50_000);
        List<byte[]> datagrams = session.packetize(data);
        int datagram = tamperedByte / 1000;
        datagrams.get(datagram)[tamperedByte % 1000 + 16] ^= 1;
        session.deliver(datagrams);
        assertArrayEquals(data, session.lastFrame().data());
        assertTrue(session.lastFrame().recoveredByFec());
        // the tampered packet, and the parity left over once the block was complete without it
        assertEquals(blocksOf(50_000, PACKET_SIZE).get(0).parity, session.depacketizer.statistics().packetsDiscarded());
    }

    @Test
    void anotherKeyOpensNothing() {
        Session session = new Session(PACKET_SIZE, true);
        List<byte[]> datagrams = session.packetize(pattern(10_000));
        Recorder recorder = new Recorder();
        VideoDepacketizer stranger = new VideoDepacketizer(PACKET_SIZE, new VideoCipher(new byte[16]), recorder);
        datagrams.forEach(datagram -> stranger.accept(datagram, 0, datagram.length));
        assertEquals(datagrams.size(), stranger.statistics().packetsDiscarded());
        assertTrue(recorder.frames.isEmpty());
    }

    private record Block(int first, int data, int parity) {
    }

    /** Where each FEC block's datagrams sit in a frame of {@code size} bytes. */
    private static List<Block> blocksOf(int size, int packetSize) {
        int pieces = (size + 8 + packetSize - 17) / (packetSize - 16);
        List<Block> blocks = new ArrayList<>();
        int first = 0;
        for (FecLayout.Block block : FecLayout.of(pieces, VideoPacketizer.DEFAULT_FEC_PERCENTAGE, 2).blocks()) {
            blocks.add(new Block(first, block.dataShards(), block.parityShards()));
            first += block.dataShards() + block.parityShards();
        }
        return blocks;
    }

    /** A host packetizer and a client depacketizer sharing a key, frames 1/60 s apart from frame 1 on. */
    private static final class Session {
        private static final long FRAME_NANOS = 1_000_000_000L / 60;
        final VideoPacketizer packetizer;
        final VideoDepacketizer depacketizer;
        final List<List<Long>> losses;
        final Recorder recorder = new Recorder();
        long frameIndex;

        Session(int packetSize, boolean encrypted) {
            packetizer = new VideoPacketizer(packetSize, VideoPacketizer.DEFAULT_FEC_PERCENTAGE, 2, 0,
                    encrypted ? new VideoCipher(KEY) : null);
            depacketizer = new VideoDepacketizer(packetSize, encrypted ? new VideoCipher(KEY) : null, recorder);
            losses = recorder.losses;
        }

        /** The next frame's datagrams, copied because the packetizer reuses its arrays. */
        List<byte[]> packetize(byte[] data) {
            frameIndex++;
            long capture = frameIndex * FRAME_NANOS;
            List<byte[]> copies = new ArrayList<>();
            long send = capture + 2_500_000;
            for (byte[] datagram : packetizer.packetize(unit(data, capture), frameIndex, frameType(frameIndex), send)) {
                copies.add(datagram.clone());
            }
            return copies;
        }

        VideoFrameType frameType(long index) {
            return index % 5 == 1 ? VideoFrameType.IDR : VideoFrameType.P_FRAME;
        }

        void deliver(List<byte[]> datagrams) {
            for (byte[] datagram : datagrams) {
                // hand over a slice of a bigger buffer, as a receive loop would
                byte[] buffer = new byte[datagram.length + 7];
                System.arraycopy(datagram, 0, buffer, 3, datagram.length);
                depacketizer.accept(buffer, 3, datagram.length);
            }
        }

        ReceivedVideoFrame lastFrame() {
            return recorder.frames.get(recorder.frames.size() - 1);
        }

        List<Long> frameIndexes() {
            List<Long> indexes = new ArrayList<>();
            Set<Long> unique = new HashSet<>();
            for (ReceivedVideoFrame frame : recorder.frames) {
                indexes.add(frame.frameIndex());
                assertTrue(unique.add(frame.frameIndex()), "frame " + frame.frameIndex() + " delivered twice");
            }
            return indexes;
        }
    }

    private static final class Recorder implements VideoFrameListener {
        final List<ReceivedVideoFrame> frames = new ArrayList<>();
        final List<List<Long>> losses = new ArrayList<>();

        @Override
        public void frameReceived(ReceivedVideoFrame frame) {
            frames.add(frame);
        }

        @Override
        public void framesLost(long firstFrameIndex, long lastFrameIndex) {
            losses.add(List.of(firstFrameIndex, lastFrameIndex));
        }
    }
}
