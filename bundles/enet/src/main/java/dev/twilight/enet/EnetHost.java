package dev.twilight.enet;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

/**
 * An ENet 1.3 host on one UDP socket, speaking the protocol as Moonlight's ENet fork does (no checksum, no
 * compression): a server accepting up to a number of peers, or a client connecting out. All protocol state lives
 * on the socket channel's event loop; methods here may be called from any thread.
 *
 * <p>The event loop group must run NIO channels (for example a {@code MultiThreadIoEventLoopGroup} with
 * {@code NioIoHandler}); the host does not shut it down.
 */
public final class EnetHost {

    /** As libenet sizes its socket buffers. */
    private static final int SOCKET_BUFFER_SIZE = 256 * 1024;

    private final NioDatagramChannel channel;
    private final HostProtocol protocol;

    private EnetHost(NioDatagramChannel channel, HostProtocol protocol) {
        this.channel = channel;
        this.protocol = protocol;
    }

    /**
     * Binds a host that accepts connections.
     *
     * @param maxPeers peers connected at once, 1 to 4095 (Sunshine uses 128 on its control port)
     * @param channelLimit the most channels a peer gets, 1 to 255; peers asking for more get this many
     */
    public static Future<EnetHost> server(EventLoopGroup group, InetSocketAddress bind, int maxPeers, int channelLimit,
                                          EnetConfig config, EnetListener listener) {
        if (maxPeers < 1 || maxPeers > Protocol.MAXIMUM_PEER_ID || channelLimit < Protocol.MINIMUM_CHANNEL_COUNT
                || channelLimit > Protocol.MAXIMUM_CHANNEL_COUNT) {
            throw new IllegalArgumentException("maxPeers must be 1 to 4095 and channelLimit 1 to 255, not " + maxPeers
                    + " and " + channelLimit);
        }
        return open(group, bind, maxPeers, channelLimit, true, config, listener);
    }

    /** Binds a host that connects to one peer with {@link #connect} and accepts no connections (as Moonlight's). */
    public static Future<EnetHost> client(EventLoopGroup group, InetSocketAddress bind, EnetConfig config,
                                          EnetListener listener) {
        return open(group, bind, 1, Protocol.MAXIMUM_CHANNEL_COUNT, false, config, listener);
    }

    private static Future<EnetHost> open(EventLoopGroup group, InetSocketAddress bind, int maxPeers, int channelLimit,
                                         boolean acceptsConnections, EnetConfig config, EnetListener listener) {
        NioDatagramChannel channel = new NioDatagramChannel();
        HostProtocol protocol = new HostProtocol(channel, maxPeers, channelLimit, acceptsConnections, config, listener);
        ChannelFuture bound = new Bootstrap()
                .group(group)
                .channelFactory(() -> channel)
                // one byte over the largest ENet datagram, to recognise (and drop) bigger ones
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(Protocol.MAXIMUM_MTU + 1))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_SIZE)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_SIZE)
                .handler(new HostChannelHandler(protocol))
                .bind(bind);
        Promise<EnetHost> opened = channel.eventLoop().newPromise();
        EnetHost host = new EnetHost(channel, protocol);
        bound.addListener(result -> {
            if (result.isSuccess()) {
                opened.setSuccess(host);
            } else {
                opened.setFailure(result.cause());
            }
        });
        return opened;
    }

    /**
     * Connects to an ENet host. The future completes once the handshake did, right after
     * {@link EnetListener#connected}; it fails with a {@link java.net.ConnectException} if the peer refuses or the
     * {@link EnetConfig} timeouts pass ({@link io.netty.channel.ConnectTimeoutException}), or if no peer slot is free.
     *
     * @param channelCount channels to ask for, 1 to 255 (Moonlight asks for 48)
     * @param connectData the CONNECT's 32-bit data, which the accepting side sees as {@link EnetPeer#connectData}
     */
    public Future<EnetPeer> connect(InetSocketAddress remote, int channelCount, int connectData) {
        if (channelCount < Protocol.MINIMUM_CHANNEL_COUNT || channelCount > Protocol.MAXIMUM_CHANNEL_COUNT
                || remote.isUnresolved()) {
            throw new IllegalArgumentException("cannot connect to " + remote + " with " + channelCount + " channels");
        }
        Promise<EnetPeer> connected = channel.eventLoop().newPromise();
        channel.eventLoop().execute(() -> protocol.connect(remote, channelCount, connectData, connected));
        return connected;
    }

    public InetSocketAddress localAddress() {
        return channel.localAddress();
    }

    /** Datagrams ignored in whole or in part: malformed, for no known peer or session, or refused CONNECTs. */
    public long discardedDatagrams() {
        return protocol.discardedDatagrams();
    }

    /**
     * Sends every peer an unacknowledged DISCONNECT (data 0), forgets them without reporting them, fails pending
     * connects and closes the socket.
     */
    public Future<Void> close() {
        Promise<Void> closed = channel.eventLoop().newPromise();
        channel.eventLoop().execute(() -> {
            protocol.shutdown();
            channel.close().addListener(result -> closed.setSuccess(null));
        });
        return closed;
    }
}
