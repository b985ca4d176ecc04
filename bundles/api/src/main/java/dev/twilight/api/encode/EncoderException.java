package dev.twilight.api.encode;

/** An encoder could not be opened or failed on a frame. The message says what happened and what to do. */
public class EncoderException extends Exception {

    private static final long serialVersionUID = 1L;

    public EncoderException(String message) {
        super(message);
    }

    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
