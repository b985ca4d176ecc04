package dev.twilight.enet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One datagram being filled with commands for a peer, within its MTU and ENet's 32 commands. Space for the
 * 4-byte header is reserved up front, as libenet does; {@link #finish} writes the header, 2 or 4 bytes
 * depending on whether a command that must be acknowledged went in.
 */
final class OutgoingDatagram {

    private final ByteBuf buffer;
    private final int mtu;
    private int commands;
    private boolean sentTimeRequired;

    OutgoingDatagram(ByteBufAllocator allocator, int mtu) {
        this.buffer = allocator.ioBuffer(mtu);
        this.mtu = mtu;
        buffer.writerIndex(Protocol.HEADER_SIZE);
    }

    boolean fits(int commandSize, int payloadLength) {
        return commands < Protocol.MAXIMUM_PACKET_COMMANDS && mtu - buffer.writerIndex() >= commandSize + payloadLength;
    }

    /** Copies the command and payload in; the payload's reader index is left alone, for retransmissions. */
    void add(byte[] command, ByteBuf payload, boolean reliable) {
        buffer.writeBytes(command);
        if (payload != null) {
            buffer.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        }
        commands++;
        sentTimeRequired |= reliable;
    }

    boolean isEmpty() {
        return commands == 0;
    }

    /**
     * @param peerField the header's first word without the sent-time flag: peer ID and session bits
     * @param now the sender's clock in milliseconds, of which the low 16 bits go out
     * @return the datagram, owned by the caller
     */
    ByteBuf finish(int peerField, long now) {
        if (sentTimeRequired) {
            buffer.setShort(0, peerField | Protocol.HEADER_FLAG_SENT_TIME);
            buffer.setShort(2, (int) now);
        } else {
            buffer.setShort(2, peerField);
            buffer.readerIndex(Protocol.HEADER_SIZE - Protocol.HEADER_SIZE_WITHOUT_SENT_TIME);
        }
        return buffer;
    }

    void discard() {
        buffer.release();
    }
}
