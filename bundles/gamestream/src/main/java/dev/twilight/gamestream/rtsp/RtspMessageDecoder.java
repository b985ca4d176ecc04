package dev.twilight.gamestream.rtsp;

import dev.twilight.gamestream.crypto.RtspCipher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Collects the connection's one request, which clients send in MTU-sized pieces, and hands it on as an
 * {@link RtspFrame}: plaintext up to the blank line plus {@code Content-length} body bytes, or an encrypted
 * message (first bit set) of the length its header declares. A request over the limit is handed on as
 * {@link RtspFrame.Oversized} at once. Whatever follows the first request is dropped.
 */
final class RtspMessageDecoder extends ByteToMessageDecoder {

    private static final int END_OF_HEADERS = 4;

    private final int limit;
    /** How far the search for the end of the headers got, so that a trickling request is scanned once. */
    private int scanned;
    private boolean done;

    /** @param limit the most bytes a plaintext request, or the ciphertext of an encrypted one, may have */
    RtspMessageDecoder(int limit) {
        this.limit = limit;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
        } else if (in.isReadable()) {
            RtspFrame frame = (in.getByte(in.readerIndex()) & 0x80) != 0 ? encrypted(in) : plaintext(in);
            if (frame != null) {
                done = true;
                out.add(frame);
                in.skipBytes(in.readableBytes());
            }
        }
    }

    private RtspFrame encrypted(ByteBuf in) {
        if (in.readableBytes() < Integer.BYTES) {
            return null;
        }
        int length = in.getInt(in.readerIndex()) & ~RtspCipher.ENCRYPTED_BIT;
        if (length > limit) {
            return new RtspFrame.Oversized(true, limit);
        }
        if (in.readableBytes() < RtspCipher.HEADER_BYTES + length) {
            return null;
        }
        in.skipBytes(Integer.BYTES);
        int sequence = in.readInt();
        byte[] tag = readBytes(in, RtspCipher.TAG_BYTES);
        return new RtspFrame.Encrypted(sequence, tag, readBytes(in, length));
    }

    private RtspFrame plaintext(ByteBuf in) {
        int start = in.readerIndex();
        int available = Math.min(in.readableBytes(), limit);
        int headEnd = -1;
        for (int i = Math.max(0, scanned - (END_OF_HEADERS - 1)); i + END_OF_HEADERS <= available; i++) {
            if (in.getByte(start + i) == '\r' && in.getByte(start + i + 1) == '\n'
                    && in.getByte(start + i + 2) == '\r' && in.getByte(start + i + 3) == '\n') {
                headEnd = i;
                break;
            }
        }
        if (headEnd < 0) {
            scanned = available;
            return available >= limit ? new RtspFrame.Oversized(false, limit) : null;
        }
        scanned = headEnd;
        long length = headEnd + END_OF_HEADERS
                + (long) RtspRequest.bodyLength(in.toString(start, headEnd, StandardCharsets.ISO_8859_1));
        if (length > limit) {
            return new RtspFrame.Oversized(false, limit);
        }
        return in.readableBytes() < length ? null : new RtspFrame.Plaintext(readBytes(in, (int) length));
    }

    private static byte[] readBytes(ByteBuf in, int length) {
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }
}
