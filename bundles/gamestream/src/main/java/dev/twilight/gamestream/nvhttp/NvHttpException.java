package dev.twilight.gamestream.nvhttp;

/** A request the host answers with an XML error: a missing or malformed parameter, a wrong port. */
final class NvHttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    NvHttpException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
