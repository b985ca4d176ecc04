package dev.twilight.enet;

import java.nio.ByteBuffer;

/** Encodes the fixed part of each command this implementation sends, big-endian, as protocol.h lays it out. */
final class Commands {

    /** The fields CONNECT and VERIFY_CONNECT share; 32-bit values are bit patterns, written as they are. */
    record Handshake(int peerId, int incomingSessionId, int outgoingSessionId, int mtu, int windowSize,
                     int channelCount, int incomingBandwidth, int outgoingBandwidth, int throttleInterval,
                     int throttleAcceleration, int throttleDeceleration, int connectId) {

        private void writeTo(ByteBuffer command) {
            command.putShort((short) peerId)
                    .put((byte) incomingSessionId)
                    .put((byte) outgoingSessionId)
                    .putInt(mtu)
                    .putInt(windowSize)
                    .putInt(channelCount)
                    .putInt(incomingBandwidth)
                    .putInt(outgoingBandwidth)
                    .putInt(throttleInterval)
                    .putInt(throttleAcceleration)
                    .putInt(throttleDeceleration)
                    .putInt(connectId);
        }
    }

    private Commands() {
    }

    static byte[] acknowledge(int channelId, int acknowledgedSequence, int acknowledgedSentTime) {
        // the header's sequence field repeats the acknowledged one, as libenet writes it
        return start(Protocol.ACKNOWLEDGE, channelId, acknowledgedSequence)
                .putShort((short) acknowledgedSequence)
                .putShort((short) acknowledgedSentTime)
                .array();
    }

    static byte[] connect(int sequence, Handshake handshake, int data) {
        ByteBuffer command = start(Protocol.CONNECT | Protocol.FLAG_ACKNOWLEDGE, Protocol.CONNECTION_CHANNEL, sequence);
        handshake.writeTo(command);
        return command.putInt(data).array();
    }

    static byte[] verifyConnect(int sequence, Handshake handshake) {
        ByteBuffer command = start(Protocol.VERIFY_CONNECT | Protocol.FLAG_ACKNOWLEDGE, Protocol.CONNECTION_CHANNEL,
                sequence);
        handshake.writeTo(command);
        return command.array();
    }

    /** @param acknowledged true for the graceful form, false for the unsequenced one sent before a reset */
    static byte[] disconnect(boolean acknowledged, int sequence, int data) {
        int flag = acknowledged ? Protocol.FLAG_ACKNOWLEDGE : Protocol.FLAG_UNSEQUENCED;
        return start(Protocol.DISCONNECT | flag, Protocol.CONNECTION_CHANNEL, sequence).putInt(data).array();
    }

    static byte[] ping(int sequence) {
        return start(Protocol.PING | Protocol.FLAG_ACKNOWLEDGE, Protocol.CONNECTION_CHANNEL, sequence).array();
    }

    static byte[] sendReliable(int channelId, int sequence, int length) {
        return start(Protocol.SEND_RELIABLE | Protocol.FLAG_ACKNOWLEDGE, channelId, sequence)
                .putShort((short) length)
                .array();
    }

    static byte[] sendUnreliable(int channelId, int reliableSequence, int unreliableSequence, int length) {
        return start(Protocol.SEND_UNRELIABLE, channelId, reliableSequence)
                .putShort((short) unreliableSequence)
                .putShort((short) length)
                .array();
    }

    static byte[] sendUnsequenced(int channelId, int group, int length) {
        return start(Protocol.SEND_UNSEQUENCED | Protocol.FLAG_UNSEQUENCED, channelId, 0)
                .putShort((short) group)
                .putShort((short) length)
                .array();
    }

    static byte[] sendFragment(int channelId, int sequence, int startSequence, int length, int fragmentCount,
                               int fragmentNumber, int totalLength, int fragmentOffset) {
        return start(Protocol.SEND_FRAGMENT | Protocol.FLAG_ACKNOWLEDGE, channelId, sequence)
                .putShort((short) startSequence)
                .putShort((short) length)
                .putInt(fragmentCount)
                .putInt(fragmentNumber)
                .putInt(totalLength)
                .putInt(fragmentOffset)
                .array();
    }

    private static ByteBuffer start(int command, int channelId, int reliableSequence) {
        return ByteBuffer.allocate(Protocol.commandSize(command & Protocol.COMMAND_MASK))
                .put((byte) command)
                .put((byte) channelId)
                .putShort((short) reliableSequence);
    }
}
