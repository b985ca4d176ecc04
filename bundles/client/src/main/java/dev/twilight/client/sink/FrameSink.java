package dev.twilight.client.sink;

import dev.twilight.api.client.ReceivedFrame;

/**
 * Takes the video frames of a playback as they were received, still encoded (to record them without re-encoding).
 * Client-private like {@link PictureSink}: the recorder is this bundle's and chosen by {@code PlaybackOutputs}.
 */
public interface FrameSink {

    /**
     * A received frame, in order, on the connection's video thread, before it is decoded; the first one and every
     * one after a gap in frame numbers is a key frame (see {@code StreamReceiver#videoFrame}). Must return quickly.
     */
    void write(ReceivedFrame frame);

    /** The stream ended and no frame comes any more: completes what was written. */
    void close();
}
