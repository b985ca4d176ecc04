package dev.twilight.enet;

import io.netty.buffer.ByteBuf;

/**
 * What an {@link EnetHost} reports. Every method is called on the host's event loop, one call at a time, after the
 * datagram or timer that caused it was fully processed: implementations must not block, and may call back into
 * the host and its peers. An exception thrown here is logged and otherwise ignored.
 *
 * <p>A peer is reported by {@link #connected} once, then by {@link #received} any number of times, then by
 * {@link #disconnected} once, unless the application ended it itself first ({@link EnetPeer#disconnectNow} or
 * {@link EnetHost#close}), in which case nothing more is reported for it.
 */
public interface EnetListener {

    /** A peer completed the handshake: one that connected to this host, or one this host connected to. */
    void connected(EnetPeer peer);

    /**
     * A message arrived.
     *
     * @param payload released when this method returns: {@link ByteBuf#retain()} it to keep it longer
     */
    void received(EnetPeer peer, int channel, ByteBuf payload);

    /** @param data the 32-bit value of the peer's DISCONNECT, or 0 */
    void disconnected(EnetPeer peer, DisconnectReason reason, int data);
}
