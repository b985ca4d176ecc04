package dev.twilight.enet;

/** Why a connected peer went away. */
public enum DisconnectReason {
    /**
     * An acknowledged disconnect completed: this side's {@link EnetPeer#disconnect(int)} was acknowledged, or the
     * peer disconnected gracefully (its data is the peer's).
     */
    GRACEFUL,
    /** The peer sent an unacknowledged disconnect (libenet's {@code enet_peer_disconnect_now}); its data is the peer's. */
    RESET,
    /** The peer stopped acknowledging within the {@link EnetConfig} timeouts; data is 0. */
    TIMEOUT
}
