package dev.twilight.enet;

/**
 * The smoothed round-trip time and its variance, updated from acknowledgements as libenet does
 * ({@code enet_protocol_handle_acknowledge}), and the retransmission timeout derived from them as Moonlight's fork
 * computes it: mean plus the lesser of mean and four variances, capped at a fifth of the peer's maximum timeout.
 */
final class RoundTripTime {

    private long mean = Protocol.DEFAULT_ROUND_TRIP_TIME;
    private long variance;
    private boolean measured;

    /** @param sample milliseconds between sending a reliable command and its acknowledgement, at least 1 */
    void update(long sample) {
        if (!measured) {
            mean = sample;
            variance = (sample + 1) / 2;
            measured = true;
            return;
        }
        variance -= (variance + 3) / 4;
        long difference = Math.abs(sample - mean);
        variance += (difference + 3) / 4;
        mean += sample >= mean ? (difference + 7) / 8 : -((difference + 7) / 8);
    }

    long mean() {
        return mean;
    }

    long retransmitTimeout(long timeoutMaximum) {
        return Math.min(mean + Math.min(mean, 4 * Math.max(1, variance)), timeoutMaximum / 5);
    }
}
