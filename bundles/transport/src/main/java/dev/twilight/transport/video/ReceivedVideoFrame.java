package dev.twilight.transport.video;

/**
 * One reassembled video frame.
 *
 * @param frameIndex          the host's frame number (unsigned 32-bit)
 * @param frameType           the frame type from the frame header
 * @param hostLatencyTenthsMs the host's capture-to-send time in 1/10 ms, 0 when the host did not measure it
 * @param rtpTimestamp        90 kHz presentation time (unsigned 32-bit, wraps)
 * @param data                the access unit, frame header and padding removed
 * @param recoveredByFec      true when some of its packets were rebuilt from parity
 */
public record ReceivedVideoFrame(long frameIndex, VideoFrameType frameType, int hostLatencyTenthsMs, int rtpTimestamp,
                                 byte[] data, boolean recoveredByFec) {
}
