package dev.twilight.api.client;

/**
 * A connection's counters since it started.
 *
 * @param videoPacketsReceived      video datagrams received (after simulated loss)
 * @param videoPacketsLost          video sequence numbers never received (whether or not FEC made up for them)
 * @param framesComplete            video frames reassembled
 * @param framesRecoveredByFec      of those, frames that needed parity
 * @param framesLost                frames that could not be completed
 * @param framesSkippedUntilKeyFrame complete frames not delivered because a loss before them broke the references
 * @param idrRequests               key frames asked for after losses or by {@link StreamConnection#requestIdr()},
 *                                  besides the one that starts every stream
 * @param audioPacketsReceived      audio packets delivered, recovered ones included
 * @param audioPacketsRecovered     of those, packets rebuilt from parity
 * @param audioPacketsLost          audio packets given up
 * @param bytesReceived             bytes of every video and audio datagram received
 * @param datagramsDroppedBySimulation datagrams dropped by {@link StreamSettings#simulatedLossPercent()}
 * @param controlRoundTripMs        the control stream's smoothed round-trip time (ENet)
 * @param hostLatencyP50Ms          median of the host's capture-to-send time over the frames that carry it
 * @param hostLatencyP99Ms          99th percentile of the same
 */
public record StreamStatistics(long videoPacketsReceived, long videoPacketsLost, long framesComplete,
                               long framesRecoveredByFec, long framesLost, long framesSkippedUntilKeyFrame,
                               long idrRequests, long audioPacketsReceived, long audioPacketsRecovered,
                               long audioPacketsLost, long bytesReceived, long datagramsDroppedBySimulation,
                               long controlRoundTripMs, double hostLatencyP50Ms, double hostLatencyP99Ms) {
}
