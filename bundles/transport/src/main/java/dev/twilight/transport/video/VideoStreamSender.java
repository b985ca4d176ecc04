package dev.twilight.transport.video;

import dev.twilight.api.media.AccessUnit;
import java.util.List;

/**
 * The host side of one video stream, from access unit to socket: numbers frames from 1, packetizes each on the
 * calling (encode) thread and hands it to a {@link PacedVideoSender}, whose thread sends it. The frame header's host
 * latency runs from capture to that hand-over; packetizing must come first, as FEC and encryption cover the header.
 */
public final class VideoStreamSender implements AutoCloseable {

    private final VideoPacketizer packetizer;
    private final PacedVideoSender sender;
    /** Guarded by this. */
    private long nextFrameIndex = 1;

    /**
     * Starts the sending thread.
     *
     * @param threadName    names the sending thread
     * @param bitsPerSecond the pacing budget; 0 sends each frame as one burst
     */
    public VideoStreamSender(String threadName, VideoPacketizer packetizer, long bitsPerSecond,
                             PacedVideoSender.DatagramSink sink, PacedVideoSender.KeyFrameRequests keyFrames) {
        this.packetizer = packetizer;
        this.sender = new PacedVideoSender(threadName, bitsPerSecond, sink, keyFrames);
    }

    /**
     * Packetizes the access unit as the next frame, an IDR frame when it is a key frame, and hands it over.
     *
     * @throws IllegalArgumentException when the unit needs more packets than a frame can index; its frame number is
     *                                  used up, so the client sees that frame lost
     */
    public synchronized void send(AccessUnit unit) {
        long frameIndex = nextFrameIndex++;
        List<byte[]> datagrams = packetizer.packetize(unit, frameIndex,
                unit.keyFrame() ? VideoFrameType.IDR : VideoFrameType.P_FRAME, System.nanoTime());
        sender.submit(frameIndex, unit.keyFrame(), datagrams);
    }

    /** Frames dropped whole because sending fell more than a frame behind. */
    public long droppedFrames() {
        return sender.droppedFrames();
    }

    /** Stops the sending thread, bounded; nothing is sent after. */
    @Override
    public void close() {
        sender.close();
    }
}
