package dev.twilight.api.client;

/**
 * What a {@link Playback} decoded, with its connection's counters; plain numbers, for reports and JSON.
 *
 * @param framesDecoded         pictures the video decoder produced
 * @param decodeErrors          frames the decoder rejected
 * @param framesDroppedBehind   received frames never decoded because decoding fell too far behind (they are
 *                              dropped, a key frame is requested and frames are skipped until it arrives)
 * @param decodeTimeP50Ms       median time to decode a frame
 * @param decodeTimeP99Ms       99th percentile of the same
 * @param framesRendered        decoded pictures a window showed
 * @param framesDroppedByRenderer decoded pictures a window never showed: a newer one replaced them before it drew
 *                              (it draws the latest only), or the stream ended first; 0 without a window
 * @param stampedFrames         decoded pictures whose frame stamp (the test pattern's) was read
 * @param unstampedFrames       decoded pictures without a readable stamp
 * @param firstStamp            the first stamped frame number, -1 before any
 * @param lastStamp             the last stamped frame number, -1 before any
 * @param stampsOutOfOrder      stamps not greater than the one before
 * @param stampGaps             frame numbers skipped between consecutive stamps (frames never shown)
 * @param captureToDecodedP50Ms median time from the stamped capture time to the decoded picture (glass to glass
 *                              without the display): the host's and this machine's clocks must agree, as on one
 *                              machine or with NTP; 0 without stamped frames
 * @param captureToDecodedP99Ms 99th percentile of the same
 * @param audioPacketsDecoded   Opus packets decoded
 * @param audioSamplesDecoded   samples per channel decoded
 * @param audioDecodeErrors     packets the audio decoder rejected
 * @param audioPeak             the largest absolute sample value decoded (0 for silence)
 * @param stream                the connection's counters
 */
public record PlaybackStatistics(long framesDecoded, long decodeErrors, long framesDroppedBehind,
                                 double decodeTimeP50Ms, double decodeTimeP99Ms, long framesRendered,
                                 long framesDroppedByRenderer,
                                 long stampedFrames, long unstampedFrames, long firstStamp, long lastStamp,
                                 long stampsOutOfOrder, long stampGaps, double captureToDecodedP50Ms,
                                 double captureToDecodedP99Ms, long audioPacketsDecoded,
                                 long audioSamplesDecoded, long audioDecodeErrors, int audioPeak,
                                 StreamStatistics stream) {
}
