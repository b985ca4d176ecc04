package dev.twilight.enet;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One peer's connection state machine, confined to the host's event loop: the handshake, the handling of each
 * received command, acknowledgements, pings, timeouts and disconnection. Follows the {@code enet_protocol_handle_*}
 * functions of Moonlight's fork and the peer states of {@code ENetPeerState}; sending is the {@link Transmitter}'s
 * job and in-order delivery the {@link InboundChannel}s'.
 */
final class Connection {

    /** ENet's peer states, less the two the immediate event dispatch makes unnecessary. */
    enum State {
        /** Client: CONNECT sent, waiting for VERIFY_CONNECT. */
        CONNECTING,
        /** Server: VERIFY_CONNECT sent, waiting for its acknowledgement. */
        ACKNOWLEDGING_CONNECT,
        CONNECTED,
        /** Graceful disconnect asked for: DISCONNECT goes out once everything queued is acknowledged. */
        DISCONNECT_LATER,
        /** DISCONNECT sent, waiting for its acknowledgement. */
        DISCONNECTING,
        /** The peer's DISCONNECT arrived; its acknowledgement is still to go out. */
        ACKNOWLEDGING_DISCONNECT,
        ENDED
    }

    /** Session IDs a peer slot last used: the next connection in the slot picks different ones. */
    record SessionIds(int incoming, int outgoing) {
        static final SessionIds UNSET = new SessionIds(Protocol.SESSION_UNSET, Protocol.SESSION_UNSET);
    }

    private static final long NEVER = Long.MIN_VALUE / 4;

    private final HostProtocol host;
    private final EnetConfig config;
    final int incomingPeerId;
    final InetSocketAddress address;
    final EnetPeer peer;
    /** Completed once connected; null for connections the host accepted. */
    private final Promise<EnetPeer> connectPromise;
    private final int connectId;
    private final Transmitter transmitter;
    private final InboundChannel.WaitingData waiting = new InboundChannel.WaitingData();
    private final UnsequencedWindow unsequenced = new UnsequencedWindow();
    private InboundChannel[] inbound;
    private State state;
    private int outgoingPeerId = Protocol.MAXIMUM_PEER_ID;
    private int incomingSessionId;
    private int outgoingSessionId;
    /** Data of the DISCONNECT to send later, or of the one received. */
    private int eventData;
    private long lastAcknowledgementTime = NEVER;

    private Connection(HostProtocol host, int incomingPeerId, InetSocketAddress address, State state, int channelCount,
                       int mtu, int windowSize, int connectId, int connectData, Promise<EnetPeer> connectPromise,
                       SessionIds sessions) {
        this.host = host;
        this.config = host.config();
        this.incomingPeerId = incomingPeerId;
        this.address = address;
        this.state = state;
        this.connectId = connectId;
        this.connectPromise = connectPromise;
        this.incomingSessionId = sessions.incoming();
        this.outgoingSessionId = sessions.outgoing();
        this.transmitter = new Transmitter(config, channelCount, mtu, windowSize);
        this.peer = new EnetPeer(this, host.eventLoop(), address, connectData);
        this.inbound = new InboundChannel[channelCount];
        for (int channel = 0; channel < channelCount; channel++) {
            int channelId = channel;
            inbound[channel] = new InboundChannel(host.allocator(), waiting,
                    payload -> host.events().received(peer, channelId, payload));
        }
    }

    /** A connection this host initiates: queues the CONNECT. */
    static Connection connect(HostProtocol host, int slot, InetSocketAddress address, int channelCount,
                              int connectData, SessionIds previous, Promise<EnetPeer> promise) {
        Connection connection = new Connection(host, slot, address, State.CONNECTING, channelCount, Protocol.HOST_MTU,
                Protocol.MAXIMUM_WINDOW_SIZE, ThreadLocalRandom.current().nextInt(), connectData, promise, previous);
        Commands.Handshake handshake = new Commands.Handshake(slot, previous.incoming(), previous.outgoing(),
                Protocol.HOST_MTU, Protocol.MAXIMUM_WINDOW_SIZE, channelCount, 0, 0,
                Protocol.PACKET_THROTTLE_INTERVAL, Protocol.PACKET_THROTTLE_ACCELERATION,
                Protocol.PACKET_THROTTLE_DECELERATION, connection.connectId);
        connection.transmitter.queueConnectionCommand(sequence -> Commands.connect(sequence, handshake, connectData));
        return connection;
    }

    /**
     * A connection a peer's CONNECT asks for: settles MTU, window and session IDs and queues the VERIFY_CONNECT
     * ({@code enet_protocol_handle_connect}). This host's bandwidth is unlimited both ways.
     */
    static Connection accept(HostProtocol host, int slot, InetSocketAddress address, ReceivedCommand connect,
                             int channelCount, SessionIds previous) {
        int mtu = Math.min(clampMtu(connect.u32(Protocol.CONNECT_MTU)), Protocol.HOST_MTU);
        int outgoingSession = nextSessionId(connect.u8(Protocol.CONNECT_INCOMING_SESSION), previous.outgoing());
        int incomingSession = nextSessionId(connect.u8(Protocol.CONNECT_OUTGOING_SESSION), previous.incoming());
        Connection connection = new Connection(host, slot, address, State.ACKNOWLEDGING_CONNECT, channelCount, mtu,
                windowSizeFor(connect.u32(Protocol.CONNECT_INCOMING_BANDWIDTH)), connect.i32(Protocol.CONNECT_ID),
                connect.i32(Protocol.CONNECT_DATA), null, new SessionIds(incomingSession, outgoingSession));
        connection.outgoingPeerId = connect.u16(Protocol.CONNECT_PEER_ID) & Protocol.MAXIMUM_PEER_ID;
        // what this host accepts in flight: unlimited incoming bandwidth, so the peer's proposal, within bounds
        int windowSize = clampWindowSize(connect.u32(Protocol.CONNECT_WINDOW_SIZE));
        Commands.Handshake verify = new Commands.Handshake(slot, outgoingSession, incomingSession, mtu, windowSize,
                channelCount, 0, 0, connect.i32(Protocol.CONNECT_THROTTLE_INTERVAL),
                connect.i32(Protocol.CONNECT_THROTTLE_ACCELERATION), connect.i32(Protocol.CONNECT_THROTTLE_DECELERATION),
                connection.connectId);
        connection.transmitter.queueConnectionCommand(sequence -> Commands.verifyConnect(sequence, verify));
        return connection;
    }

    /** The session ID after the proposed one (or after the slot's previous one), skipping the one in use. */
    private static int nextSessionId(int proposed, int previous) {
        int next = ((proposed == Protocol.SESSION_UNSET ? previous : proposed) + 1) & Protocol.HEADER_SESSION_MASK;
        return next == previous ? (next + 1) & Protocol.HEADER_SESSION_MASK : next;
    }

    private static int clampMtu(long mtu) {
        return (int) Math.max(Protocol.MINIMUM_MTU, Math.min(Protocol.MAXIMUM_MTU, mtu));
    }

    private static int clampWindowSize(long windowSize) {
        return (int) Math.max(Protocol.MINIMUM_WINDOW_SIZE, Math.min(Protocol.MAXIMUM_WINDOW_SIZE, windowSize));
    }

    /** Bytes of reliable data to keep in flight towards a peer that reports this incoming bandwidth (0: unlimited). */
    private static int windowSizeFor(long peerIncomingBandwidth) {
        return peerIncomingBandwidth == 0 ? Protocol.MAXIMUM_WINDOW_SIZE
                : clampWindowSize(peerIncomingBandwidth / Protocol.WINDOW_SIZE_SCALE * Protocol.MINIMUM_WINDOW_SIZE);
    }

    SessionIds sessionIds() {
        return new SessionIds(incomingSessionId, outgoingSessionId);
    }

    /** Whether a CONNECT is a retransmission of the one that created this connection. */
    boolean answers(InetSocketAddress sender, int requestedConnectId) {
        return state != State.CONNECTING && address.equals(sender) && connectId == requestedConnectId;
    }

    /** Whether a datagram from {@code sender} whose header carries {@code sessionId} belongs to this connection. */
    boolean accepts(int sessionId, InetSocketAddress sender) {
        return state != State.ENDED && address.equals(sender)
                && (outgoingPeerId >= Protocol.MAXIMUM_PEER_ID || sessionId == incomingSessionId);
    }

    // ---- received commands ----

    /**
     * Handles one command of a datagram and queues its acknowledgement if it asks for one.
     *
     * @param headerSentTime the datagram's sent time, or -1 if its header has none
     * @return false if the rest of the datagram must be ignored, as libenet does after a command it rejects
     */
    boolean process(ReceivedCommand command, int headerSentTime) {
        boolean handled = switch (command.number()) {
            case Protocol.ACKNOWLEDGE -> handleAcknowledge(command);
            case Protocol.VERIFY_CONNECT -> handleVerifyConnect(command);
            case Protocol.DISCONNECT -> handleDisconnect(command);
            // pings only ask for an acknowledgement; THROTTLE_CONFIGURE tunes a throttle this side does not apply
            case Protocol.PING, Protocol.THROTTLE_CONFIGURE -> isConnected();
            case Protocol.BANDWIDTH_LIMIT -> handleBandwidthLimit(command);
            case Protocol.SEND_RELIABLE -> receivesOn(command.channelId())
                    && (discardsData() || inbound[command.channelId()].receiveReliable(command.reliableSequence(),
                            command.payload()));
            case Protocol.SEND_UNRELIABLE -> receivesOn(command.channelId())
                    && (discardsData() || inbound[command.channelId()].receiveUnreliable(command.reliableSequence(),
                            command.u16(Protocol.UNRELIABLE_SEQUENCE), command.payload()));
            case Protocol.SEND_UNSEQUENCED -> handleSendUnsequenced(command);
            case Protocol.SEND_FRAGMENT -> handleSendFragment(command);
            // never sent by Moonlight or Sunshine (nor by this side): checked like the others, then dropped
            case Protocol.SEND_UNRELIABLE_FRAGMENT -> receivesOn(command.channelId());
            default -> false; // a CONNECT on an existing connection
        };
        if (!handled) {
            return false;
        }
        if (command.acknowledgeRequested()) {
            if (headerSentTime < 0) {
                return false;
            }
            queueAcknowledgement(command, headerSentTime);
        }
        return true;
    }

    private void queueAcknowledgement(ReceivedCommand command, int sentTime) {
        boolean acknowledges = switch (state) {
            case ACKNOWLEDGING_CONNECT, DISCONNECTING, ENDED -> false;
            case ACKNOWLEDGING_DISCONNECT -> command.number() == Protocol.DISCONNECT;
            default -> true;
        };
        int channelId = command.channelId();
        int sequence = command.reliableSequence();
        if (acknowledges && (channelId >= inbound.length || inbound[channelId].acknowledges(sequence))) {
            transmitter.queueAcknowledgement(channelId, sequence, sentTime, command.number());
        }
    }

    private boolean isConnected() {
        return state == State.CONNECTED || state == State.DISCONNECT_LATER;
    }

    private boolean receivesOn(int channelId) {
        return channelId < inbound.length && isConnected();
    }

    /** Waiting to disconnect: data is acknowledged but no longer delivered. */
    private boolean discardsData() {
        return state == State.DISCONNECT_LATER;
    }

    private boolean handleAcknowledge(ReceivedCommand command) {
        if (state == State.ENDED) {
            return true;
        }
        long now = host.now();
        int echoedTime = command.u16(Protocol.ACKNOWLEDGE_SENT_TIME);
        long sentTime = (now & ~0xFFFFL) | echoedTime;
        if ((echoedTime & 0x8000) > (now & 0x8000)) {
            sentTime -= 0x10000;
        }
        if (sentTime > now) {
            return true; // echoes a time not reached yet: not ours
        }
        transmitter.roundTripMeasured(Math.max(1, now - sentTime));
        peer.roundTripTime(transmitter.roundTripTime().mean());
        lastAcknowledgementTime = now;
        int acknowledged = transmitter.acknowledge(command.u16(Protocol.ACKNOWLEDGE_RELIABLE_SEQUENCE),
                command.channelId());
        switch (state) {
            case ACKNOWLEDGING_CONNECT -> {
                if (acknowledged != Protocol.VERIFY_CONNECT) {
                    return false;
                }
                connected();
            }
            case DISCONNECTING -> {
                if (acknowledged != Protocol.DISCONNECT) {
                    return false;
                }
                end(DisconnectReason.GRACEFUL, 0);
            }
            case DISCONNECT_LATER -> {
                if (!transmitter.hasOutgoing()) {
                    disconnect(eventData);
                }
            }
            default -> {
            }
        }
        return true;
    }

    private boolean handleVerifyConnect(ReceivedCommand command) {
        if (state != State.CONNECTING) {
            return true;
        }
        long channelCount = command.u32(Protocol.CONNECT_CHANNEL_COUNT);
        if (channelCount < Protocol.MINIMUM_CHANNEL_COUNT || channelCount > Protocol.MAXIMUM_CHANNEL_COUNT
                || command.u32(Protocol.CONNECT_THROTTLE_INTERVAL) != Protocol.PACKET_THROTTLE_INTERVAL
                || command.u32(Protocol.CONNECT_THROTTLE_ACCELERATION) != Protocol.PACKET_THROTTLE_ACCELERATION
                || command.u32(Protocol.CONNECT_THROTTLE_DECELERATION) != Protocol.PACKET_THROTTLE_DECELERATION
                || command.i32(Protocol.CONNECT_ID) != connectId) {
            end(DisconnectReason.RESET, 0);
            return false;
        }
        transmitter.acknowledge(1, Protocol.CONNECTION_CHANNEL); // the CONNECT, answered
        int channels = (int) Math.min(channelCount, inbound.length);
        inbound = Arrays.copyOf(inbound, channels);
        outgoingPeerId = command.u16(Protocol.CONNECT_PEER_ID) & Protocol.MAXIMUM_PEER_ID;
        incomingSessionId = command.u8(Protocol.CONNECT_INCOMING_SESSION);
        outgoingSessionId = command.u8(Protocol.CONNECT_OUTGOING_SESSION);
        transmitter.limit(channels, clampMtu(command.u32(Protocol.CONNECT_MTU)),
                clampWindowSize(command.u32(Protocol.CONNECT_WINDOW_SIZE)));
        connected();
        return true;
    }

    private boolean handleDisconnect(ReceivedCommand command) {
        if (state == State.ENDED || state == State.ACKNOWLEDGING_DISCONNECT) {
            return true;
        }
        int data = command.i32(Protocol.DISCONNECT_DATA);
        resetQueues();
        switch (state) {
            case CONNECTING, ACKNOWLEDGING_CONNECT -> end(DisconnectReason.RESET, data);
            case DISCONNECTING -> end(DisconnectReason.GRACEFUL, data);
            default -> {
                if (command.acknowledgeRequested()) {
                    setState(State.ACKNOWLEDGING_DISCONNECT);
                    eventData = data;
                } else {
                    end(DisconnectReason.RESET, data);
                }
            }
        }
        return true;
    }

    private boolean handleBandwidthLimit(ReceivedCommand command) {
        if (!isConnected()) {
            return false;
        }
        transmitter.windowSize(windowSizeFor(command.u32(Protocol.BANDWIDTH_INCOMING)));
        return true;
    }

    private boolean handleSendUnsequenced(ReceivedCommand command) {
        if (!receivesOn(command.channelId())) {
            return false;
        }
        if (!discardsData() && unsequenced.accept(command.u16(Protocol.UNSEQUENCED_GROUP))) {
            inbound[command.channelId()].receiveUnsequenced(command.payload());
        }
        return true;
    }

    private boolean handleSendFragment(ReceivedCommand command) {
        if (!receivesOn(command.channelId()) || command.payloadLength() == 0) {
            return false;
        }
        long fragmentCount = command.u32(Protocol.FRAGMENT_COUNT);
        long fragmentNumber = command.u32(Protocol.FRAGMENT_NUMBER);
        long totalLength = command.u32(Protocol.FRAGMENT_TOTAL_LENGTH);
        long fragmentOffset = command.u32(Protocol.FRAGMENT_OFFSET);
        if (fragmentCount > Protocol.MAXIMUM_FRAGMENT_COUNT || fragmentNumber >= fragmentCount
                || totalLength > Protocol.MAXIMUM_PACKET_SIZE || totalLength < fragmentCount
                || fragmentOffset >= totalLength || command.payloadLength() > totalLength - fragmentOffset) {
            return false;
        }
        return discardsData() || inbound[command.channelId()].receiveFragment(
                command.u16(Protocol.FRAGMENT_START_SEQUENCE), (int) fragmentNumber, (int) fragmentCount,
                (int) totalLength, (int) fragmentOffset, command.payload());
    }

    // ---- sending ----

    /** Sends what is due: retransmissions, acknowledgements, queued commands, a ping; or ends on timeout. */
    void transmit(long now) {
        if (state == State.ENDED) {
            return;
        }
        if (transmitter.timedOut(now)) {
            end(DisconnectReason.TIMEOUT, 0);
            return;
        }
        flush(now);
        if (state == State.DISCONNECT_LATER && !transmitter.hasOutgoing()) {
            disconnect(eventData); // only unreliable data was left, and it is gone
            flush(now);
        }
    }

    /** Writes datagrams until nothing more may be sent now. */
    private void flush(long now) {
        while (state != State.ENDED) {
            OutgoingDatagram datagram = host.newDatagram(transmitter.mtu());
            boolean disconnectAcknowledged = transmitter.writeAcknowledgements(datagram);
            if (transmitter.writeCommands(datagram, now) && pingDue(now)
                    && datagram.fits(Protocol.commandSize(Protocol.PING), 0)) {
                transmitter.queueConnectionCommand(Commands::ping);
                transmitter.writeCommands(datagram, now);
            }
            if (datagram.isEmpty()) {
                datagram.discard();
                return;
            }
            host.send(datagram.finish(headerPeerField(), now), address);
            if (disconnectAcknowledged) {
                end(DisconnectReason.GRACEFUL, eventData);
            }
        }
    }

    /** A ping keeps something acknowledgeable in flight, so that a silent peer times out. */
    private boolean pingDue(long now) {
        return state == State.CONNECTED && !transmitter.hasInFlight()
                && now - lastAcknowledgementTime >= config.pingIntervalMillis();
    }

    private int headerPeerField() {
        if (outgoingPeerId >= Protocol.MAXIMUM_PEER_ID) {
            return outgoingPeerId;
        }
        return outgoingPeerId | (outgoingSessionId & Protocol.HEADER_SESSION_MASK) << Protocol.HEADER_SESSION_SHIFT;
    }

    /** When {@link #transmit} next has something to do without new input: a retransmission or a ping. */
    long nextWakeUp() {
        if (transmitter.hasInFlight()) {
            return transmitter.nextTimeout();
        }
        return state == State.CONNECTED ? lastAcknowledgementTime + config.pingIntervalMillis() : Long.MAX_VALUE;
    }

    // ---- application requests, on the event loop ----

    /** @return false if the connection no longer takes messages (the caller still owns the payload) */
    boolean send(int channelId, ByteBuf payload, Delivery delivery) {
        if (state != State.CONNECTED) {
            return false;
        }
        transmitter.queueMessage(channelId, payload, delivery);
        host.requestService();
        return true;
    }

    /** Graceful disconnect once everything queued is delivered ({@code enet_peer_disconnect_later}). */
    void disconnectLater(int data) {
        if (!isConnected()) {
            return;
        }
        if (transmitter.hasOutgoing()) {
            setState(State.DISCONNECT_LATER);
            eventData = data;
        } else {
            disconnect(data);
        }
        host.requestService();
    }

    private void disconnect(int data) {
        resetQueues();
        transmitter.queueConnectionCommand(sequence -> Commands.disconnect(true, sequence, data));
        setState(State.DISCONNECTING);
    }

    /** Sends an unacknowledged DISCONNECT, unless one is already out, and forgets the connection at once. */
    void disconnectNow(int data) {
        if (state == State.ENDED) {
            return;
        }
        State previous = state;
        if (previous != State.DISCONNECTING) {
            resetQueues();
            transmitter.queueConnectionCommand(sequence -> Commands.disconnect(false, sequence, data));
            flush(host.now());
        }
        terminate();
        if (previous == State.CONNECTING) {
            host.events().connectFailed(connectPromise, new ClosedChannelException());
        }
        host.requestService();
    }

    // ---- lifecycle ----

    private void connected() {
        peer.channelCount(inbound.length);
        setState(State.CONNECTED);
        host.events().connected(peer, connectPromise);
    }

    /** Ends the connection and tells the application, if it knows of it: a failed connect or a disconnect. */
    private void end(DisconnectReason reason, int data) {
        State previous = state;
        if (previous == State.ENDED) {
            return;
        }
        terminate();
        switch (previous) {
            case CONNECTING -> host.events().connectFailed(connectPromise, reason == DisconnectReason.TIMEOUT
                    ? new ConnectTimeoutException("no answer from " + address)
                    : new ConnectException(address + " refused the connection"));
            case ACKNOWLEDGING_CONNECT -> {
                // never reported to the application
            }
            default -> host.events().disconnected(peer, reason, data);
        }
    }

    private void terminate() {
        setState(State.ENDED);
        resetQueues();
        host.released(this);
    }

    private void setState(State next) {
        state = next;
        peer.connected(next == State.CONNECTED);
    }

    /** Drops everything queued either way, and the channels with it ({@code enet_peer_reset_queues}). */
    private void resetQueues() {
        transmitter.clear();
        for (InboundChannel channel : inbound) {
            channel.clear();
        }
        inbound = new InboundChannel[0];
    }
}
