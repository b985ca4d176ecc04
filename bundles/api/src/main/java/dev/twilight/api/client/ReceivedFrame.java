package dev.twilight.api.client;

/**
 * One reassembled video frame.
 *
 * @param frameIndex          the host's frame number, from 1 (unsigned 32-bit)
 * @param keyFrame            the frame header marks it an IDR frame
 * @param hostLatencyTenthsMs the host's capture-to-send time in 1/10 ms; 0 when the host does not measure it
 * @param rtpTimestamp        90 kHz presentation time (unsigned 32-bit, wraps)
 * @param accessUnit          the encoded picture (Annex B for H.264 and HEVC)
 * @param recoveredByFec      some of its packets were rebuilt from parity
 * @param receivedNanos       {@link System#nanoTime()} when its last needed packet arrived
 */
public record ReceivedFrame(long frameIndex, boolean keyFrame, int hostLatencyTenthsMs, int rtpTimestamp,
                            byte[] accessUnit, boolean recoveredByFec, long receivedNanos) {
}
