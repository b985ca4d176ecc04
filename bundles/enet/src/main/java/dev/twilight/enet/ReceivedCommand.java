package dev.twilight.enet;

import io.netty.buffer.ByteBuf;

/**
 * A view of one command inside a received datagram, moved from command to command; it copies nothing and is
 * valid only while the datagram is. {@link #readAt} checks that the command, and the payload it announces,
 * lie inside the datagram, so the field getters never read past it.
 */
final class ReceivedCommand {

    private final ByteBuf datagram;
    private int offset;
    private int number;
    private int payloadLength;

    ReceivedCommand(ByteBuf datagram) {
        this.datagram = datagram;
    }

    /**
     * Moves to the command at {@code offset}.
     *
     * @return false if no well-formed command starts there before {@code limit} (unknown number, truncated)
     */
    boolean readAt(int offset, int limit) {
        if (offset + Protocol.COMMAND_HEADER_SIZE > limit) {
            return false;
        }
        int commandNumber = datagram.getUnsignedByte(offset) & Protocol.COMMAND_MASK;
        if (commandNumber == 0 || commandNumber >= Protocol.COMMAND_COUNT) {
            return false;
        }
        int size = Protocol.commandSize(commandNumber);
        if (offset + size > limit) {
            return false;
        }
        int lengthField = switch (commandNumber) {
            case Protocol.SEND_RELIABLE -> Protocol.RELIABLE_LENGTH;
            case Protocol.SEND_UNRELIABLE -> Protocol.UNRELIABLE_LENGTH;
            case Protocol.SEND_UNSEQUENCED -> Protocol.UNSEQUENCED_LENGTH;
            case Protocol.SEND_FRAGMENT, Protocol.SEND_UNRELIABLE_FRAGMENT -> Protocol.FRAGMENT_LENGTH;
            default -> -1;
        };
        int length = lengthField < 0 ? 0 : datagram.getUnsignedShort(offset + lengthField);
        if (offset + size + length > limit) {
            return false;
        }
        this.offset = offset;
        this.number = commandNumber;
        this.payloadLength = length;
        return true;
    }

    /** Offset of the next command. */
    int end() {
        return offset + Protocol.commandSize(number) + payloadLength;
    }

    int number() {
        return number;
    }

    boolean acknowledgeRequested() {
        return (datagram.getUnsignedByte(offset) & Protocol.FLAG_ACKNOWLEDGE) != 0;
    }

    int channelId() {
        return datagram.getUnsignedByte(offset + Protocol.COMMAND_CHANNEL);
    }

    int reliableSequence() {
        return datagram.getUnsignedShort(offset + Protocol.COMMAND_RELIABLE_SEQUENCE);
    }

    int u8(int field) {
        return datagram.getUnsignedByte(offset + field);
    }

    int u16(int field) {
        return datagram.getUnsignedShort(offset + field);
    }

    /** A 32-bit field as Java int: for values compared or echoed as bit patterns (connect ID, data). */
    int i32(int field) {
        return datagram.getInt(offset + field);
    }

    /** A 32-bit field read unsigned, for sizes and counts that are then clamped or range-checked. */
    long u32(int field) {
        return datagram.getUnsignedInt(offset + field);
    }

    int payloadLength() {
        return payloadLength;
    }

    /** The payload as a slice of the datagram (not retained): copy what must outlive the datagram. */
    ByteBuf payload() {
        return datagram.slice(offset + Protocol.commandSize(number), payloadLength);
    }
}
