package dev.twilight.enet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the protocol, confined to the channel's event loop: routes each datagram to its peer's
 * {@link Connection} by header peer ID and session (or creates one for a CONNECT), runs the send pass over all
 * peers after input, on request and when a retransmission or ping is due, then tells the application what
 * happened. Malformed or stray datagrams are counted and dropped, never thrown about.
 */
final class HostProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(HostProtocol.class);

    private final Channel channel;
    private final EnetConfig config;
    private final int channelLimit;
    private final boolean acceptsConnections;
    /** Indexed by the peer ID this host assigned (the one peers put in their headers). */
    private final Connection[] slots;
    private final Connection.SessionIds[] slotSessions;
    private final EventQueue events;
    private volatile long discardedDatagrams;
    private boolean servicePending;
    private ScheduledFuture<?> wakeUp;
    private long wakeUpTime;
    private boolean closed;

    HostProtocol(Channel channel, int maxPeers, int channelLimit, boolean acceptsConnections, EnetConfig config,
                 EnetListener listener) {
        this.channel = channel;
        this.config = config;
        this.channelLimit = channelLimit;
        this.acceptsConnections = acceptsConnections;
        this.slots = new Connection[maxPeers];
        this.slotSessions = new Connection.SessionIds[maxPeers];
        Arrays.fill(slotSessions, Connection.SessionIds.UNSET);
        this.events = new EventQueue(listener);
    }

    EnetConfig config() {
        return config;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    ByteBufAllocator allocator() {
        return channel.alloc();
    }

    EventQueue events() {
        return events;
    }

    /** The event loop's clock in milliseconds; its low 16 bits are the sent time in headers. */
    long now() {
        return TimeUnit.NANOSECONDS.toMillis(channel.eventLoop().ticker().nanoTime());
    }

    long discardedDatagrams() {
        return discardedDatagrams;
    }

    OutgoingDatagram newDatagram(int mtu) {
        return new OutgoingDatagram(channel.alloc(), mtu);
    }

    /** Queues a datagram; the send pass flushes the channel once at its end. */
    void send(ByteBuf datagram, InetSocketAddress recipient) {
        channel.write(new DatagramPacket(datagram, recipient), channel.voidPromise());
    }

    /** A connection ended: its slot is free, and remembers its session IDs. */
    void released(Connection connection) {
        if (slots[connection.incomingPeerId] == connection) {
            slots[connection.incomingPeerId] = null;
            slotSessions[connection.incomingPeerId] = connection.sessionIds();
        }
    }

    void connect(InetSocketAddress remote, int channelCount, int connectData, Promise<EnetPeer> promise) {
        if (closed) {
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        int slot = Arrays.asList(slots).indexOf(null);
        if (slot < 0) {
            promise.tryFailure(new ConnectException("all " + slots.length + " peer slots of this ENet host are in use"));
            return;
        }
        slots[slot] = Connection.connect(this, slot, remote, channelCount, connectData, slotSessions[slot], promise);
        requestService();
    }

    void receive(ByteBuf datagram, InetSocketAddress sender) {
        if (closed) {
            return;
        }
        try {
            if (!process(datagram, sender)) {
                discardedDatagrams++;
            }
        } catch (RuntimeException e) {
            discardedDatagrams++;
            LOG.warn("ENet datagram from {} broke its processing", sender, e);
        }
    }

    /**
     * Routes one datagram's commands; {@link #receive} counts what it ignores.
     *
     * @return false if the datagram, or its remainder from some command on, was ignored
     */
    boolean process(ByteBuf datagram, InetSocketAddress sender) {
        int start = datagram.readerIndex();
        int end = datagram.writerIndex();
        if (end - start < Protocol.HEADER_SIZE_WITHOUT_SENT_TIME || end - start > Protocol.MAXIMUM_MTU) {
            return false;
        }
        int peerField = datagram.getUnsignedShort(start);
        boolean hasSentTime = (peerField & Protocol.HEADER_FLAG_SENT_TIME) != 0;
        int headerSize = hasSentTime ? Protocol.HEADER_SIZE : Protocol.HEADER_SIZE_WITHOUT_SENT_TIME;
        // no compressor is ever installed on either side
        if ((peerField & Protocol.HEADER_FLAG_COMPRESSED) != 0 || end - start < headerSize) {
            return false;
        }
        int sentTime = hasSentTime ? datagram.getUnsignedShort(start + 2) : -1;
        int peerId = peerField & Protocol.MAXIMUM_PEER_ID;
        Connection connection = null;
        if (peerId != Protocol.MAXIMUM_PEER_ID) {
            connection = peerId < slots.length ? slots[peerId] : null;
            int sessionId = (peerField >> Protocol.HEADER_SESSION_SHIFT) & Protocol.HEADER_SESSION_MASK;
            if (connection == null || !connection.accepts(sessionId, sender)) {
                return false;
            }
        }
        ReceivedCommand command = new ReceivedCommand(datagram);
        for (int offset = start + headerSize; offset < end; offset = command.end()) {
            if (!command.readAt(offset, end)) {
                return false;
            }
            if (connection == null) {
                // only a CONNECT may come without a peer ID; it makes the connection the rest is for
                connection = command.number() == Protocol.CONNECT ? accept(command, sender) : null;
                if (connection == null) {
                    return false;
                }
            } else if (!connection.process(command, sentTime)) {
                return false;
            }
        }
        return true;
    }

    /** @return the new connection, or null if the CONNECT is refused, invalid or a retransmission */
    private Connection accept(ReceivedCommand connect, InetSocketAddress sender) {
        long channelCount = connect.u32(Protocol.CONNECT_CHANNEL_COUNT);
        if (!acceptsConnections || channelCount < Protocol.MINIMUM_CHANNEL_COUNT
                || channelCount > Protocol.MAXIMUM_CHANNEL_COUNT) {
            return null;
        }
        int free = -1;
        for (int slot = 0; slot < slots.length; slot++) {
            if (slots[slot] == null) {
                free = free < 0 ? slot : free;
            } else if (slots[slot].answers(sender, connect.i32(Protocol.CONNECT_ID))) {
                return null;
            }
        }
        if (free < 0) {
            return null;
        }
        slots[free] = Connection.accept(this, free, sender, connect, (int) Math.min(channelCount, channelLimit),
                slotSessions[free]);
        return slots[free];
    }

    /** Runs the send pass soon, once for any number of requests made before it runs. */
    void requestService() {
        if (!servicePending && !closed) {
            servicePending = true;
            channel.eventLoop().execute(() -> {
                servicePending = false;
                service();
            });
        }
    }

    /** Sends what every peer has due, then tells the application what happened, then sets the next wake-up. */
    void service() {
        if (closed) {
            return;
        }
        long now = now();
        for (Connection connection : slots) {
            if (connection != null) {
                connection.transmit(now);
            }
        }
        channel.flush();
        events.dispatch(() -> !closed);
        if (!closed) {
            scheduleWakeUp();
        }
    }

    private void scheduleWakeUp() {
        long next = Long.MAX_VALUE;
        for (Connection connection : slots) {
            if (connection != null) {
                next = Math.min(next, connection.nextWakeUp());
            }
        }
        if (wakeUp != null) {
            if (wakeUpTime <= next) {
                return;
            }
            wakeUp.cancel(false);
            wakeUp = null;
        }
        if (next != Long.MAX_VALUE) {
            wakeUpTime = next;
            wakeUp = channel.eventLoop().schedule(() -> {
                wakeUp = null;
                service();
            }, Math.max(1, next - now()), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops the host: every peer is sent an unacknowledged DISCONNECT (while the channel can still send) and
     * forgotten without being reported; pending connects fail. The caller closes the channel.
     */
    void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        for (Connection connection : slots) {
            if (connection != null) {
                connection.peer.ended = true;
                connection.disconnectNow(0);
            }
        }
        channel.flush();
        events.discard();
    }
}
