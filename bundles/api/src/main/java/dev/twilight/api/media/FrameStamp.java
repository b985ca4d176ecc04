package dev.twilight.api.media;

/**
 * What a test pattern writes into its pictures so that a receiver can read it back after lossy coding:
 * the capture's frame number and the wall-clock capture time. Receivers on another process or machine
 * compare {@code captureEpochMicros} with their own clock to get glass-to-glass latency.
 *
 * @param frameNumber        the capture's frame count (low 32 bits survive the picture code)
 * @param captureEpochMicros microseconds since the Unix epoch when the picture was taken
 */
public record FrameStamp(long frameNumber, long captureEpochMicros) {
}
