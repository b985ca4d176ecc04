package dev.twilight.transport.video;

/**
 * Counters of a {@link VideoDepacketizer} since it was created.
 *
 * @param packetsReceived      datagrams handed to it
 * @param packetsMissing       RTP sequence numbers skipped between the readable datagrams: packets lost on the way
 *                             (one reordered behind a later one counts as missing too)
 * @param packetsDiscarded     datagrams it did not use: parity arriving after its block was complete, packets of
 *                             frames already given up, duplicates, malformed ones and ones failing authentication
 * @param framesComplete       frames delivered
 * @param framesRecoveredByFec delivered frames that needed parity
 * @param framesLost           frames reported lost
 */
public record VideoReceiveStatistics(long packetsReceived, long packetsMissing, long packetsDiscarded, long framesComplete,
                                     long framesRecoveredByFec, long framesLost) {
}
