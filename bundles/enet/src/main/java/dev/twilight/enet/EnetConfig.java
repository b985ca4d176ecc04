package dev.twilight.enet;

/**
 * Liveness settings applied to every peer of a host, with libenet's meaning ({@code enet_peer_timeout},
 * {@code enet_peer_ping_interval}).
 *
 * <p>A peer is disconnected with {@link DisconnectReason#TIMEOUT} when a reliable command (data or a ping) stays
 * unacknowledged for {@code timeoutMaximumMillis}, or for {@code timeoutMinimumMillis} once one was sent so often
 * that 2^(attempts - 1) reached {@code timeoutLimit}. The same applies to the CONNECT of a connection attempt.
 * A peer from which no acknowledgement arrived for {@code pingIntervalMillis}, and to which nothing reliable is
 * in flight, is pinged.
 *
 * <p>Moonlight's client uses (2, 10 000, 10 000) once connected; Sunshine keeps libenet's defaults,
 * {@link #DEFAULT}.
 *
 * @param timeoutLimit at least 1
 * @param timeoutMinimumMillis at least 1
 * @param timeoutMaximumMillis at least {@code timeoutMinimumMillis}
 * @param pingIntervalMillis at least 1
 */
public record EnetConfig(int timeoutLimit, long timeoutMinimumMillis, long timeoutMaximumMillis,
                         long pingIntervalMillis) {

    /** libenet's defaults: limit 32, 5 s minimum, 30 s maximum, a ping every 500 ms. */
    public static final EnetConfig DEFAULT = new EnetConfig(32, 5000, 30000, 500);

    public EnetConfig {
        if (timeoutLimit < 1 || timeoutMinimumMillis < 1 || timeoutMaximumMillis < timeoutMinimumMillis
                || pingIntervalMillis < 1) {
            throw new IllegalArgumentException("invalid ENet timeouts: limit " + timeoutLimit + ", minimum "
                    + timeoutMinimumMillis + " ms, maximum " + timeoutMaximumMillis + " ms, ping interval "
                    + pingIntervalMillis + " ms");
        }
    }
}
