package dev.twilight.gamestream.crypto;

/**
 * A stream message (encrypted RTSP or control framing, a control message, an input packet) that does not have the
 * shape its type requires; receivers count and drop it.
 */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
