package dev.twilight.enet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;

/**
 * A remote ENet peer of an {@link EnetHost}, as reported to the {@link EnetListener}. Its methods may be called
 * from any thread: they take effect on the host's event loop, in call order.
 */
public final class EnetPeer {

    private final Connection connection;
    private final EventLoop eventLoop;
    private final InetSocketAddress remoteAddress;
    private final int connectData;
    private volatile int channelCount;
    private volatile long roundTripTime = Protocol.DEFAULT_ROUND_TRIP_TIME;
    private volatile boolean connected;
    /** Event loop only: the application heard of its end, or ended it; nothing more is reported. */
    boolean ended;

    EnetPeer(Connection connection, EventLoop eventLoop, InetSocketAddress remoteAddress, int connectData) {
        this.connection = connection;
        this.eventLoop = eventLoop;
        this.remoteAddress = remoteAddress;
        this.connectData = connectData;
    }

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The 32-bit data of the CONNECT: received from the peer on the accepting side, sent on the connecting side. */
    public int connectData() {
        return connectData;
    }

    /** Channels settled in the handshake (the lesser of both sides' numbers); channel IDs are 0 to this - 1. */
    public int channelCount() {
        return channelCount;
    }

    /** The smoothed round-trip time in milliseconds, from acknowledgements (500 until measured). */
    public long roundTripTime() {
        return roundTripTime;
    }

    /** True from the handshake until a disconnect starts, either side. */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Queues a message; it is dropped (and released) if the peer is no longer connected when the send runs.
     *
     * @param payload its readable bytes are sent; ownership passes to this method, which releases it
     * @throws IllegalArgumentException if the channel is out of range or the payload over 32 MiB (payload released)
     */
    public void send(int channel, ByteBuf payload, Delivery delivery) {
        if (channel < 0 || channel >= channelCount || payload.readableBytes() > Protocol.MAXIMUM_PACKET_SIZE) {
            int length = payload.readableBytes();
            payload.release();
            throw new IllegalArgumentException("cannot send " + length + " bytes on channel " + channel + " of "
                    + channelCount + " to " + remoteAddress);
        }
        try {
            onEventLoop(() -> {
                if (!connection.send(channel, payload, delivery)) {
                    payload.release();
                }
            });
        } catch (RejectedExecutionException e) {
            payload.release();
            throw e;
        }
    }

    /** Sends a copy of {@code payload}; see {@link #send(int, ByteBuf, Delivery)}. */
    public void send(int channel, byte[] payload, Delivery delivery) {
        send(channel, Unpooled.copiedBuffer(payload), delivery);
    }

    /**
     * Disconnects gracefully: once everything queued is acknowledged, a DISCONNECT carrying {@code data} is sent, and
     * its acknowledgement reported as {@link DisconnectReason#GRACEFUL} (or its absence as a timeout). Incoming
     * messages are no longer delivered meanwhile.
     */
    public void disconnect(int data) {
        onEventLoop(() -> connection.disconnectLater(data));
    }

    /**
     * Sends an unacknowledged DISCONNECT carrying {@code data} and forgets the peer at once; nothing more is reported
     * for it, {@link EnetListener#disconnected} included.
     */
    public void disconnectNow(int data) {
        onEventLoop(() -> {
            ended = true;
            connection.disconnectNow(data);
        });
    }

    @Override
    public String toString() {
        return "ENet peer " + remoteAddress;
    }

    private void onEventLoop(Runnable action) {
        if (eventLoop.inEventLoop()) {
            action.run();
        } else {
            eventLoop.execute(action);
        }
    }

    void channelCount(int count) {
        channelCount = count;
    }

    void roundTripTime(long milliseconds) {
        roundTripTime = milliseconds;
    }

    void connected(boolean isConnected) {
        connected = isConnected;
    }
}
