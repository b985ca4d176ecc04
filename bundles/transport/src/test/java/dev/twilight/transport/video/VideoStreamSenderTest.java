package dev.twilight.transport.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.VideoCodec;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Access units in, a client's reassembled frames out, through the sending thread. */
class VideoStreamSenderTest {

    private static final int PACKET_SIZE = 1392;
    private static final long LATENCY_UNIT_NANOS = 100_000;

    @Test
    void framesAreNumberedFromOneAndCarryTheLatencyFromCaptureToTheHandOver() throws Exception {
        BlockingQueue<ReceivedVideoFrame> received = new LinkedBlockingQueue<>();
        VideoDepacketizer client = new VideoDepacketizer(PACKET_SIZE, null, new VideoFrameListener() {
            @Override
            public void frameReceived(ReceivedVideoFrame frame) {
                received.add(frame);
            }

            @Override
            public void framesLost(long firstFrameIndex, long lastFrameIndex) {
                throw new AssertionError("frames " + firstFrameIndex + "-" + lastFrameIndex + " lost");
            }
        });
        try (VideoStreamSender sender = new VideoStreamSender("test-send",
                new VideoPacketizer(PACKET_SIZE, 20, 2, System.nanoTime(), null), Pacer.DEFAULT_BITS_PER_SECOND,
                (frameIndex, batch) -> batch.forEach(datagram -> client.accept(datagram, 0, datagram.length)),
                () -> {
                })) {
            // one frame at a time, as an encoder hands them over a frame interval apart
            for (int i = 0; i < 3; i++) {
                AccessUnit unit = unit(i == 0, 3_000 + 1_000 * i, System.nanoTime() - 5_000_000);
                long before = System.nanoTime() - unit.captureNanos();
                sender.send(unit);
                long after = System.nanoTime() - unit.captureNanos();
                ReceivedVideoFrame frame = received.poll(5, TimeUnit.SECONDS);
                assertEquals(i + 1, frame.frameIndex());
                assertEquals(i == 0 ? VideoFrameType.IDR : VideoFrameType.P_FRAME, frame.frameType());
                assertArrayEquals(unit.data(), frame.data());
                assertTrue(frame.hostLatencyTenthsMs() >= before / LATENCY_UNIT_NANOS
                        && frame.hostLatencyTenthsMs() <= (after + LATENCY_UNIT_NANOS - 1) / LATENCY_UNIT_NANOS,
                        "latency " + frame.hostLatencyTenthsMs() + " within the hand-over's " + before + "-" + after
                                + " ns after capture");
            }
        }
    }

    private static AccessUnit unit(boolean keyFrame, int bytes, long captureNanos) {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) (i * 31 + bytes);
        }
        return new AccessUnit(VideoCodec.H264, data, keyFrame, 0, captureNanos, captureNanos, "test");
    }
}
