package dev.twilight.transport.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender's thread with real UDP sockets on 127.0.0.1: what arrives, in which batches, and what is dropped. */
class PacedVideoSenderTest {

    private static final int DATAGRAM_BYTES = 1408;
    /** 100 Mbit/s: 112 640 ns per datagram, so the batches of a 100-datagram frame are milliseconds apart. */
    private static final long BITS_PER_SECOND = 100_000_000L;

    private DatagramSocket receiver;
    private DatagramChannel socket;
    /** Each batch the sink got: its datagrams' positions, and when. */
    private final List<List<Integer>> batches = new ArrayList<>();
    private final List<Long> batchNanos = new ArrayList<>();
    private final AtomicInteger keyFrameRequests = new AtomicInteger();

    @BeforeEach
    void openSockets() throws IOException {
        receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        receiver.setReceiveBufferSize(4 * 1024 * 1024);
        receiver.setSoTimeout(5_000);
        socket = DatagramChannel.open();
    }

    @AfterEach
    void closeSockets() throws IOException {
        receiver.close();
        socket.close();
    }

    @Test
    void aFramesDatagramsLeaveInThePacersBatchesAtTheirTimesAndAllArriveInOrder() throws Exception {
        try (PacedVideoSender sender = new PacedVideoSender("test-send", BITS_PER_SECOND, this::send,
                keyFrameRequests::incrementAndGet)) {
            sender.submit(1, true, frame(1, 100));
            assertEquals(100, receive(1, 100));
        }
        List<Pacer.Batch> schedule = Pacer.schedule(100, DATAGRAM_BYTES, BITS_PER_SECOND);
        assertEquals(3, schedule.size());
        synchronized (batches) {
            assertEquals(schedule.size(), batches.size());
            int next = 0;
            for (int i = 0; i < schedule.size(); i++) {
                Pacer.Batch batch = schedule.get(i);
                assertEquals(batch.packetCount(), batches.get(i).size(), "datagrams in batch " + i);
                for (int position : batches.get(i)) {
                    assertEquals(next++, position);
                }
                assertTrue(batchNanos.get(i) - batchNanos.get(0) >= batch.sendAtNanos(),
                        "batch " + i + " waited for its time in the schedule");
            }
        }
        assertEquals(0, keyFrameRequests.get());
    }

    @Test
    void withoutPacingAFrameLeavesAsOneBurst() throws Exception {
        try (PacedVideoSender sender = new PacedVideoSender("test-send", 0, this::send,
                keyFrameRequests::incrementAndGet)) {
            sender.submit(1, true, frame(1, 100));
            assertEquals(100, receive(1, 100));
        }
        synchronized (batches) {
            assertEquals(1, batches.size());
        }
    }

    @Test
    void framesGoingStaleWhileTheSenderIsBehindAreDroppedWholeAndAKeyFrameIsRequestedOnce() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        PacedVideoSender.DatagramSink slowFirstBatch = (frameIndex, batch) -> {
            if (calls.getAndIncrement() == 0) {
                blocked.countDown();
                awaitUninterruptibly(release);
            }
            send(frameIndex, batch);
        };
        try (PacedVideoSender sender = new PacedVideoSender("test-send", BITS_PER_SECOND, slowFirstBatch,
                keyFrameRequests::incrementAndGet)) {
            sender.submit(1, true, frame(1, 60));
            assertTrue(blocked.await(5, TimeUnit.SECONDS), "the first batch reaches the socket");
            sender.submit(2, false, frame(2, 10));
            sender.submit(3, false, frame(3, 10));
            assertEquals(1, sender.droppedFrames(), "frame 2 went stale when frame 3 came");
            assertEquals(1, keyFrameRequests.get(), "the client needs a key frame after the gap");
            sender.submit(4, true, frame(4, 10));
            assertEquals(2, sender.droppedFrames(), "frame 3 went stale when frame 4 came");
            assertEquals(1, keyFrameRequests.get(), "frame 4 is a key frame itself");
            release.countDown();
            assertEquals(60, receive(1, 60), "frame 1 goes out whole");
            assertEquals(10, receive(4, 10), "then frame 4, whole; nothing of frames 2 and 3");
        }
    }

    @Test
    void closeReturnsWhileTheSocketBlocksAndLaterFramesAreIgnored() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        PacedVideoSender sender = new PacedVideoSender("test-send", BITS_PER_SECOND, (frameIndex, batch) -> {
            blocked.countDown();
            awaitUninterruptibly(never);
        }, keyFrameRequests::incrementAndGet);
        sender.submit(1, true, frame(1, 10));
        assertTrue(blocked.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(sender::close);
        closing.get(5, TimeUnit.SECONDS);
        sender.submit(2, false, frame(2, 10));
        sender.submit(3, false, frame(3, 10));
        assertEquals(0, sender.droppedFrames(), "a closed sender takes no frames");
        never.countDown();
    }

    private void send(long frameIndex, List<byte[]> batch) {
        List<Integer> positions = new ArrayList<>();
        synchronized (batches) {
            batchNanos.add(System.nanoTime());
            batches.add(positions);
        }
        for (byte[] datagram : batch) {
            assertEquals(frameIndex, ByteBuffer.wrap(datagram).getInt(0), "the sink is told the batch's frame");
            positions.add(ByteBuffer.wrap(datagram).getInt(4));
            try {
                socket.send(ByteBuffer.wrap(datagram), receiver.getLocalSocketAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Receives the datagrams of one frame, which must come next and in order; returns how many arrived. */
    private int receive(int frameIndex, int count) throws IOException {
        byte[] buffer = new byte[2 * DATAGRAM_BYTES];
        for (int position = 0; position < count; position++) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                receiver.receive(packet);
            } catch (SocketTimeoutException e) {
                return position;
            }
            ByteBuffer datagram = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
            assertEquals(DATAGRAM_BYTES, packet.getLength());
            assertEquals(frameIndex, datagram.getInt(0), "frame of datagram " + position);
            assertEquals(position, datagram.getInt(4), "position in frame " + frameIndex);
        }
        return count;
    }

    /** A frame's datagrams, each marked with the frame index and its position. */
    private static List<byte[]> frame(int frameIndex, int count) {
        List<byte[]> datagrams = new ArrayList<>();
        for (int position = 0; position < count; position++) {
            datagrams.add(ByteBuffer.allocate(DATAGRAM_BYTES).putInt(frameIndex).putInt(position).array());
        }
        return datagrams;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
