package dev.twilight.gamestream.rtsp;

/** A request the host answers with an RTSP error status; the message says what is wrong and goes in the body. */
final class RtspException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    RtspException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
