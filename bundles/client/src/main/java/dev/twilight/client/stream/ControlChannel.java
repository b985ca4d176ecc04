package dev.twilight.client.stream;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.StreamEnd;
import dev.twilight.enet.Delivery;
import dev.twilight.enet.DisconnectReason;
import dev.twilight.enet.EnetConfig;
import dev.twilight.enet.EnetHost;
import dev.twilight.enet.EnetListener;
import dev.twilight.enet.EnetPeer;
import dev.twilight.gamestream.crypto.ControlCipher;
import dev.twilight.gamestream.crypto.ControlMessage;
import dev.twilight.gamestream.crypto.MalformedMessageException;
import dev.twilight.gamestream.crypto.Sender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the control stream (fact sheet §4): an ENet client with Moonlight's 48 channels that
 * connects with the session's connect data, seals every message as the {@link Sender#CLIENT} and opens the host's,
 * sends the start messages and then what the connection asks for, and reports the host's termination message or
 * the loss of the peer once.
 */
final class ControlChannel implements EnetListener {

    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);
    private static final int CHANNELS = 48;
    static final int GENERIC_CHANNEL = 0;
    static final int URGENT_CHANNEL = 1;
    /**
     * Moonlight's peer timeouts: about 10 s without acknowledgements ends the connection, the connect attempt
     * included.
     */
    private static final EnetConfig TIMEOUTS = new EnetConfig(2, 10_000, 10_000, EnetConfig.DEFAULT.pingIntervalMillis());
    private static final long CONNECT_WAIT_MS = 12_000;
    /** Moonlight lingers this long for the host to acknowledge a graceful disconnect. */
    private static final long DISCONNECT_LINGER_MS = 2_000;
    private static final long SHUTDOWN_MS = 2_000;
    /** The short (old) termination form's "the app exited" reason. */
    private static final int SHORT_TERMINATION_APP_EXITED = 0x0100;

    private final byte[] key;
    private final Consumer<StreamEnd> ended;
    private final EventLoopGroup group;
    private final EnetHost host;
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong unreadableMessages = new AtomicLong();
    private final CompletableFuture<DisconnectReason> disconnected = new CompletableFuture<>();
    private volatile EnetPeer peer;

    /**
     * Connects and sends the start messages: an IDR request (in the slot of the old "start A") and "start B".
     *
     * @param ended hears the host's termination or the peer's loss, on the ENet thread, at most once
     * @throws ClientException when the host refuses or does not answer within the ENet connect timeout
     */
    ControlChannel(InetSocketAddress remote, int connectData, byte[] key, Consumer<StreamEnd> ended)
            throws ClientException {
        this.key = key.clone();
        this.ended = ended;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("twilight-stream-control", true),
                NioIoHandler.newFactory());
        try {
            Future<EnetHost> bound = EnetHost.client(group, new InetSocketAddress(0), TIMEOUTS, this)
                    .awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new ClientException("cannot open a UDP socket for the control stream", bound.cause());
            }
            host = bound.getNow();
            Future<EnetPeer> connecting = host.connect(remote, CHANNELS, connectData);
            if (!connecting.awaitUninterruptibly(CONNECT_WAIT_MS) || !connecting.isSuccess()) {
                throw new ClientException("the host's control stream at " + remote + " did not accept the connection"
                        + (connecting.cause() == null ? "" : ": " + connecting.cause().getMessage()),
                        connecting.cause());
            }
            peer = connecting.getNow();
        } catch (ClientException | RuntimeException e) {
            shutdownGroup();
            throw e;
        }
        send(GENERIC_CHANNEL, ControlMessage.IDR_REQUEST, new byte[2]);
        send(GENERIC_CHANNEL, ControlMessage.START_B, new byte[1]);
        LOG.info("Control stream connected to {}", remote);
    }

    /** Seals and sends one message reliably; dropped when the peer is gone. */
    void send(int channel, int type, byte[] payload) {
        EnetPeer current = peer;
        if (current != null && current.isConnected()) {
            current.send(channel, ControlCipher.seal(key, Sender.CLIENT, sequence.getAndIncrement(),
                    new ControlMessage(type, payload)), Delivery.RELIABLE);
        }
    }

    /** The keep-alive every 100 ms: LE16 4, LE32 0 and two bytes the host ignores. */
    void ping() {
        send(GENERIC_CHANNEL, ControlMessage.PING, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 4).array());
    }

    long roundTripTimeMillis() {
        EnetPeer current = peer;
        return current == null ? 0 : current.roundTripTime();
    }

    long unreadableMessages() {
        return unreadableMessages.get();
    }

    /**
     * Disconnects: gracefully when asked and still connected (waiting for the host's acknowledgement up to the
     * linger time), then closes the socket and the thread. Bounded; call once.
     */
    void close(boolean graceful) {
        EnetPeer current = peer;
        if (graceful && current != null && current.isConnected()) {
            current.disconnect(0);
            try {
                disconnected.get(DISCONNECT_LINGER_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("The host did not acknowledge the control stream's disconnect in time");
            }
        }
        host.close().awaitUninterruptibly(SHUTDOWN_MS);
        shutdownGroup();
    }

    @Override
    public void connected(EnetPeer connected) {
        peer = connected;
    }

    @Override
    public void received(EnetPeer from, int channel, ByteBuf payload) {
        Optional<ControlMessage> message;
        try {
            message = ControlCipher.open(key, Sender.HOST, ByteBufUtil.getBytes(payload));
        } catch (MalformedMessageException e) {
            unreadableMessages.incrementAndGet();
            LOG.debug("Ignored a control message from the host: {}", e.getMessage());
            return;
        }
        if (message.isEmpty()) {
            unreadableMessages.incrementAndGet();
            LOG.debug("Ignored a control message that failed authentication");
            return;
        }
        byte[] body = message.get().payload();
        switch (message.get().type()) {
            case ControlMessage.TERMINATION -> terminated(body.length >= 4 ? ByteBuffer.wrap(body).getInt() : 0);
            case ControlMessage.TERMINATION_SHORT -> {
                int reason = body.length >= 2 ? Short.toUnsignedInt(ByteBuffer.wrap(body)
                        .order(ByteOrder.LITTLE_ENDIAN).getShort()) : 0;
                terminated(reason == SHORT_TERMINATION_APP_EXITED ? StreamEnd.HOST_APP_EXITED : reason);
            }
            // rumble, HDR mode, LEDs, motion-sensor requests: nothing here uses them yet
            default -> LOG.trace("Ignored control message 0x{}", Integer.toHexString(message.get().type()));
        }
    }

    @Override
    public void disconnected(EnetPeer from, DisconnectReason reason, int data) {
        disconnected.complete(reason);
        ended.accept(new StreamEnd(StreamEnd.Reason.CONNECTION_LOST, 0, reason == DisconnectReason.TIMEOUT
                ? "the host stopped answering on the control stream"
                : "the host closed the control stream without a termination message"));
    }

    /** As Moonlight: the peer is dropped at once, without waiting for an ENet disconnect. */
    private void terminated(int reason) {
        peer.disconnectNow(0);
        disconnected.complete(DisconnectReason.RESET);
        ended.accept(new StreamEnd(StreamEnd.Reason.HOST_ENDED, reason, reason == StreamEnd.HOST_APP_EXITED
                ? "the host ended the stream (the app exited)"
                : "the host ended the stream with reason 0x" + Integer.toHexString(reason)));
    }

    private void shutdownGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_MS);
    }
}
