package dev.twilight.enet;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The sending side of one connection: assigns sequence numbers, splits large messages into fragments, fills
 * datagrams (acknowledgements first, then commands, within the MTU, the reliable window and the sequence
 * windows), keeps reliable commands until acknowledged and queues them again when their retransmission timeout
 * passes. Follows {@code enet_peer_send}, {@code enet_peer_setup_outgoing_command},
 * {@code enet_protocol_check_outgoing_commands}, {@code enet_protocol_check_timeouts} and
 * {@code enet_protocol_remove_sent_reliable_command} of Moonlight's fork; the unreliable packet throttle is not
 * applied (throttle at its maximum: nothing unreliable is dropped on purpose).
 */
final class Transmitter {

    private record Acknowledgement(int channelId, int sequence, int sentTime, int commandNumber) {
    }

    private static final long NONE = Long.MIN_VALUE;

    private final EnetConfig config;
    private final RoundTripTime roundTripTime = new RoundTripTime();
    private OutboundChannel[] channels;
    private int mtu;
    private int windowSize;
    /** Sequence numbers of connection-level commands. */
    private int connectionSequence;
    private int unsequencedGroup;
    /** Counts queued commands, to send the two queues' commands in the order they were queued. */
    private long queueCount;
    /** Commands without payload and unreliable ones (ENet's outgoingCommands). */
    private final LinkedList<OutgoingCommand> controlQueue = new LinkedList<>();
    /** Reliable commands with payload (ENet's outgoingSendReliableCommands). */
    private final LinkedList<OutgoingCommand> reliableQueue = new LinkedList<>();
    /** Reliable commands sent and not acknowledged, oldest first. */
    private final LinkedList<OutgoingCommand> inFlight = new LinkedList<>();
    private final ArrayDeque<Acknowledgement> acknowledgements = new ArrayDeque<>();
    private int reliableDataInTransit;
    private long nextTimeout;
    /** Send time of the oldest command that timed out since the last acknowledgement, or {@code NONE}. */
    private long earliestTimeout = NONE;

    Transmitter(EnetConfig config, int channelCount, int mtu, int windowSize) {
        this.config = config;
        this.channels = new OutboundChannel[channelCount];
        for (int i = 0; i < channelCount; i++) {
            channels[i] = new OutboundChannel();
        }
        this.mtu = mtu;
        this.windowSize = windowSize;
    }

    RoundTripTime roundTripTime() {
        return roundTripTime;
    }

    int mtu() {
        return mtu;
    }

    /** Applies what the handshake settled: values only ever shrink. */
    void limit(int channelCount, int mtu, int windowSize) {
        if (channelCount < channels.length) {
            channels = Arrays.copyOf(channels, channelCount);
        }
        this.mtu = Math.min(this.mtu, mtu);
        this.windowSize = Math.min(this.windowSize, windowSize);
    }

    /** The peer announced a bandwidth (BANDWIDTH_LIMIT) that allows this much reliable data in flight. */
    void windowSize(int windowSize) {
        this.windowSize = windowSize;
    }

    /** Queues a connection-level command; {@code encoder} gets the sequence number assigned to it. */
    void queueConnectionCommand(IntFunction<byte[]> encoder) {
        connectionSequence = (connectionSequence + 1) & 0xFFFF;
        controlQueue.add(new OutgoingCommand(encoder.apply(connectionSequence), Protocol.CONNECTION_CHANNEL,
                connectionSequence, null, ++queueCount));
    }

    /** Queues a message, taking ownership of the payload; the channel and size were checked by the caller. */
    void queueMessage(int channelId, ByteBuf payload, Delivery delivery) {
        OutboundChannel channel = channels[channelId];
        int length = payload.readableBytes();
        int fragmentLength = mtu - Protocol.HEADER_SIZE - Protocol.commandSize(Protocol.SEND_FRAGMENT);
        if (length > fragmentLength) {
            // too big for one datagram: reliable fragments, whatever the delivery asked (as libenet does)
            int fragmentCount = (length + fragmentLength - 1) / fragmentLength;
            int startSequence = (channel.reliableSequence() + 1) & 0xFFFF;
            for (int number = 0, offset = 0; offset < length; number++, offset += fragmentLength) {
                int size = Math.min(fragmentLength, length - offset);
                int sequence = channel.nextReliableSequence();
                byte[] command = Commands.sendFragment(channelId, sequence, startSequence, size, fragmentCount,
                        number, length, offset);
                reliableQueue.add(new OutgoingCommand(command, channelId, sequence,
                        payload.retainedSlice(payload.readerIndex() + offset, size), ++queueCount));
            }
            payload.release();
        } else if (delivery == Delivery.UNSEQUENCED) {
            unsequencedGroup = (unsequencedGroup + 1) & 0xFFFF;
            controlQueue.add(new OutgoingCommand(Commands.sendUnsequenced(channelId, unsequencedGroup, length),
                    channelId, 0, payload, ++queueCount));
        } else if (delivery == Delivery.UNRELIABLE && !channel.unreliableSequencesExhausted()) {
            int reliableSequence = channel.reliableSequence();
            byte[] command = Commands.sendUnreliable(channelId, reliableSequence, channel.nextUnreliableSequence(),
                    length);
            controlQueue.add(new OutgoingCommand(command, channelId, reliableSequence, payload, ++queueCount));
        } else {
            int sequence = channel.nextReliableSequence();
            reliableQueue.add(new OutgoingCommand(Commands.sendReliable(channelId, sequence, length), channelId,
                    sequence, payload, ++queueCount));
        }
    }

    void queueAcknowledgement(int channelId, int sequence, int sentTime, int commandNumber) {
        acknowledgements.add(new Acknowledgement(channelId, sequence, sentTime, commandNumber));
    }

    /** True while anything is queued or unacknowledged. */
    boolean hasOutgoing() {
        return !controlQueue.isEmpty() || !reliableQueue.isEmpty() || !inFlight.isEmpty();
    }

    boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    /** When the oldest unacknowledged command is due for retransmission; meaningful while {@link #hasInFlight}. */
    long nextTimeout() {
        return nextTimeout;
    }

    /** An acknowledgement arrived: the peer is alive, and it took this long (at least 1 ms) to come. */
    void roundTripMeasured(long roundTrip) {
        roundTripTime.update(roundTrip);
        earliestTimeout = NONE;
    }

    /**
     * Takes an acknowledged command off the books.
     *
     * @return the acknowledged command's number, or 0 if nothing matched
     */
    int acknowledge(int sequence, int channelId) {
        OutgoingCommand command = remove(inFlight, sequence, channelId, true);
        boolean wasInFlight = command != null;
        if (command == null) {
            // it may have timed out and be queued for retransmission
            command = remove(controlQueue, sequence, channelId, false);
        }
        if (command == null) {
            command = remove(reliableQueue, sequence, channelId, false);
        }
        if (command == null) {
            return 0;
        }
        if (channelId < channels.length) {
            channels[channelId].acknowledged(sequence);
        }
        if (wasInFlight) {
            reliableDataInTransit -= command.payloadLength();
        }
        command.release();
        if (!inFlight.isEmpty()) {
            nextTimeout = inFlight.getFirst().sentTime + inFlight.getFirst().roundTripTimeout;
        }
        return command.number;
    }

    /** Removes the reliable command with this sequence number and channel; in queues, only among those already sent. */
    private static OutgoingCommand remove(LinkedList<OutgoingCommand> list, int sequence, int channelId,
                                          boolean allSent) {
        for (Iterator<OutgoingCommand> commands = list.iterator(); commands.hasNext(); ) {
            OutgoingCommand command = commands.next();
            if (!command.reliable) {
                continue;
            }
            if (!allSent && command.sendAttempts < 1) {
                return null;
            }
            if (command.reliableSequence == sequence && command.channelId == channelId) {
                commands.remove();
                return command;
            }
        }
        return null;
    }

    /**
     * Queues again every unacknowledged command whose retransmission timeout passed, with a longer timeout.
     *
     * @return true if the peer must be considered gone: unacknowledged for the maximum timeout, or for the minimum
     *         once a command was sent often enough for its backoff to reach the timeout limit
     */
    boolean timedOut(long now) {
        if (inFlight.isEmpty() || now < nextTimeout) {
            return false;
        }
        List<OutgoingCommand> requeuedControl = new ArrayList<>();
        List<OutgoingCommand> requeuedReliable = new ArrayList<>();
        for (Iterator<OutgoingCommand> commands = inFlight.iterator(); commands.hasNext(); ) {
            OutgoingCommand command = commands.next();
            if (now - command.sentTime < command.roundTripTimeout) {
                continue;
            }
            if (earliestTimeout == NONE || command.sentTime < earliestTimeout) {
                earliestTimeout = command.sentTime;
            }
            long unacknowledgedFor = now - earliestTimeout;
            long backoff = 1L << Math.min(command.sendAttempts - 1, 62);
            if (unacknowledgedFor >= config.timeoutMaximumMillis()
                    || (backoff >= config.timeoutLimit() && unacknowledgedFor >= config.timeoutMinimumMillis())) {
                return true;
            }
            // the fork grows the timeout linearly with the attempts, up to the timeout limit
            long timeout = roundTripTime.retransmitTimeout(config.timeoutMaximumMillis());
            command.roundTripTimeout = timeout * Math.max(1, Math.min(command.sendAttempts, config.timeoutLimit()));
            commands.remove();
            if (command.payload != null) {
                reliableDataInTransit -= command.payloadLength();
                requeuedReliable.add(command);
            } else {
                requeuedControl.add(command);
            }
        }
        reliableQueue.addAll(0, requeuedReliable);
        controlQueue.addAll(0, requeuedControl);
        if (!inFlight.isEmpty()) {
            nextTimeout = inFlight.getFirst().sentTime + inFlight.getFirst().roundTripTimeout;
        }
        return false;
    }

    /** @return true if an acknowledgement of a DISCONNECT went in */
    boolean writeAcknowledgements(OutgoingDatagram datagram) {
        boolean disconnectAcknowledged = false;
        while (!acknowledgements.isEmpty() && datagram.fits(Protocol.commandSize(Protocol.ACKNOWLEDGE), 0)) {
            Acknowledgement acknowledgement = acknowledgements.poll();
            datagram.add(Commands.acknowledge(acknowledgement.channelId(), acknowledgement.sequence(),
                    acknowledgement.sentTime()), null, false);
            disconnectAcknowledged |= acknowledgement.commandNumber() == Protocol.DISCONNECT;
        }
        return disconnectAcknowledged;
    }

    /**
     * Moves queued commands into the datagram, in queueing order across the two queues, until it is full or the
     * windows hold the rest back.
     *
     * @return true if no reliable command went in, so a ping may
     */
    boolean writeCommands(OutgoingDatagram datagram, long now) {
        Cursor control = new Cursor(controlQueue);
        Cursor reliable = new Cursor(reliableQueue);
        boolean windowWrapped = false;
        boolean canPing = true;
        while (true) {
            OutgoingCommand nextControl = control.peek();
            OutgoingCommand nextReliable = reliable.peek();
            Cursor source;
            if (nextControl != null && (nextReliable == null || nextControl.queueOrder < nextReliable.queueOrder)) {
                source = control;
            } else if (nextReliable != null) {
                source = reliable;
            } else {
                break;
            }
            OutgoingCommand command = source.peek();
            OutboundChannel channel = command.channelId < channels.length ? channels[command.channelId] : null;
            if (command.reliable) {
                if (channel != null) {
                    if (windowWrapped) {
                        source.skip();
                        continue;
                    }
                    if (command.sendAttempts < 1 && channel.mustWaitForWindow(command.reliableSequence)) {
                        windowWrapped = true;
                        reliable.stop();
                        continue;
                    }
                }
                if (command.payload != null
                        && reliableDataInTransit + command.payloadLength() > Math.max(windowSize, mtu)) {
                    reliable.stop();
                    continue;
                }
                canPing = false;
            }
            if (!datagram.fits(command.encoded.length, command.payloadLength())) {
                break;
            }
            source.take();
            datagram.add(command.encoded, command.payload, command.reliable);
            if (command.reliable) {
                if (channel != null && command.sendAttempts < 1) {
                    channel.sentFirstTime(command.reliableSequence);
                }
                command.sendAttempts++;
                if (command.roundTripTimeout == 0) {
                    command.roundTripTimeout = roundTripTime.retransmitTimeout(config.timeoutMaximumMillis());
                }
                if (inFlight.isEmpty()) {
                    nextTimeout = now + command.roundTripTimeout;
                }
                command.sentTime = now;
                inFlight.add(command);
                reliableDataInTransit += command.payloadLength();
            } else {
                command.release();
            }
        }
        return canPing;
    }

    /** Drops everything queued, unacknowledged or waiting to be acknowledged, and the channels with it. */
    void clear() {
        for (List<OutgoingCommand> list : List.of(controlQueue, reliableQueue, inFlight)) {
            list.forEach(OutgoingCommand::release);
            list.clear();
        }
        acknowledgements.clear();
        reliableDataInTransit = 0;
        channels = new OutboundChannel[0];
    }

    /** Walks one queue: look at the next command, then take it out, leave it for later, or stop looking. */
    private static final class Cursor {
        private final Iterator<OutgoingCommand> commands;
        private OutgoingCommand current;
        private boolean stopped;

        Cursor(List<OutgoingCommand> queue) {
            this.commands = queue.iterator();
        }

        OutgoingCommand peek() {
            if (current == null && !stopped && commands.hasNext()) {
                current = commands.next();
            }
            return stopped ? null : current;
        }

        void take() {
            commands.remove();
            current = null;
        }

        void skip() {
            current = null;
        }

        void stop() {
            stopped = true;
        }
    }
}
