package dev.twilight.api.pipeline;

import dev.twilight.api.media.StreamConfiguration;

/**
 * A snapshot of one stream.
 *
 * @param id               the stream's id
 * @param running          false once the stream ended
 * @param captureSource    name of the capture source in use, or empty
 * @param encoder          name of the encoder in use, or empty
 * @param effective        the configuration the encoder runs with now (host caps applied)
 * @param framesCaptured   pictures taken from capture
 * @param framesEncoded    pictures the encoder returned
 * @param keyFrames        IDR pictures produced
 * @param encoderOpens     times an encoder was opened for this stream (1 when it never had to reopen)
 * @param encoderSwitches  times the stream moved to a different encoder
 * @param captureSwitches  times the stream moved to a different capture source
 * @param bitrateUpdates   bitrate changes applied to the running encoder without reopening it
 * @param lastError        the last problem the stream recovered from or ended with, or empty
 */
public record VideoStreamStatus(long id, boolean running, String captureSource, String encoder,
                                StreamConfiguration effective, long framesCaptured, long framesEncoded,
                                long keyFrames, long encoderOpens, long encoderSwitches, long captureSwitches,
                                long bitrateUpdates, String lastError) {
}
