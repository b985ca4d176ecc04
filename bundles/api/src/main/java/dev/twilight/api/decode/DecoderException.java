package dev.twilight.api.decode;

/** A decoder could not be opened or rejected data. */
public class DecoderException extends Exception {

    private static final long serialVersionUID = 1L;

    public DecoderException(String message) {
        super(message);
    }

    public DecoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
