package dev.twilight.transport.video;

/** Receives what a {@link VideoDepacketizer} reassembles, on the thread that feeds it datagrams. */
public interface VideoFrameListener {

    void frameReceived(ReceivedVideoFrame frame);

    /**
     * Frames {@code firstFrameIndex..lastFrameIndex} (inclusive) can no longer be completed: the decoder's
     * references are broken, so the client should ask the host for an IDR frame (or a reference invalidation).
     */
    void framesLost(long firstFrameIndex, long lastFrameIndex);
}
