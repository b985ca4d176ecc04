package dev.twilight.enet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A host protocol on an embedded channel: datagrams go in and come out as bytes, without sockets or threads, so
 * tests can check exact wire bytes and feed it anything.
 */
final class EmbeddedHost implements AutoCloseable {

    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 47999);

    final EmbeddedChannel channel = new EmbeddedChannel();
    final HostProtocol protocol;
    final RecordingListener events = new RecordingListener();

    private EmbeddedHost(int maxPeers, boolean acceptsConnections) {
        protocol = new HostProtocol(channel, maxPeers, Protocol.MAXIMUM_CHANNEL_COUNT, acceptsConnections,
                EnetConfig.DEFAULT, events);
        channel.pipeline().addLast(new HostChannelHandler(protocol));
    }

    static EmbeddedHost server(int maxPeers) {
        return new EmbeddedHost(maxPeers, true);
    }

    static EmbeddedHost client() {
        return new EmbeddedHost(1, false);
    }

    Promise<EnetPeer> connect(InetSocketAddress server, int channels, int data) {
        Promise<EnetPeer> connected = channel.eventLoop().newPromise();
        protocol.connect(server, channels, data, connected);
        channel.runPendingTasks();
        return connected;
    }

    void receive(InetSocketAddress sender, ByteBuffer datagram) {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(datagram.array()), LOCAL, sender));
        channel.runPendingTasks();
    }

    /** The next datagram sent, as bytes; fails if there is none. */
    ByteBuffer nextSent(InetSocketAddress expectedRecipient) {
        channel.runPendingTasks();
        DatagramPacket sent = channel.readOutbound();
        if (sent == null) {
            throw new AssertionError("nothing was sent");
        }
        try {
            if (!sent.recipient().equals(expectedRecipient)) {
                throw new AssertionError("sent to " + sent.recipient() + ", not " + expectedRecipient);
            }
            return ByteBuffer.wrap(ByteBufUtil.getBytes(sent.content()));
        } finally {
            sent.release();
        }
    }

    boolean sentNothing() {
        channel.runPendingTasks();
        return channel.outboundMessages().isEmpty();
    }

    /** Feeds one datagram straight to the protocol, so that an exception reaches the caller. */
    boolean process(InetSocketAddress sender, ByteBuf datagram) {
        try {
            return protocol.process(datagram, sender);
        } finally {
            datagram.release();
            protocol.service();
            channel.releaseOutbound();
        }
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
