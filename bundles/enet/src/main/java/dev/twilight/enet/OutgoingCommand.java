package dev.twilight.enet;

import io.netty.buffer.ByteBuf;

/** A command queued for sending and, if reliable, kept until acknowledged; it owns its payload slice. */
final class OutgoingCommand {

    final byte[] encoded;
    final int number;
    final boolean reliable;
    final int channelId;
    final int reliableSequence;
    /** Null for commands without payload (connection-level and acknowledgement-free control commands). */
    final ByteBuf payload;
    /** Order of queueing, which decides between the two send queues. */
    final long queueOrder;
    int sendAttempts;
    long sentTime;
    /** Zero until first sent. */
    long roundTripTimeout;

    OutgoingCommand(byte[] encoded, int channelId, int reliableSequence, ByteBuf payload, long queueOrder) {
        this.encoded = encoded;
        this.number = encoded[0] & Protocol.COMMAND_MASK;
        this.reliable = (encoded[0] & Protocol.FLAG_ACKNOWLEDGE) != 0;
        this.channelId = channelId;
        this.reliableSequence = reliableSequence;
        this.payload = payload;
        this.queueOrder = queueOrder;
    }

    int payloadLength() {
        return payload == null ? 0 : payload.readableBytes();
    }

    void release() {
        if (payload != null) {
            payload.release();
        }
    }
}
