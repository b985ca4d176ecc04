package dev.twilight.api.capture;

/** A capture could not be opened or stopped delivering. The message says what happened and what to do. */
public class CaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
