package dev.twilight.input.x11;

/** The X display cannot take input; the message says what is wrong and what to do. */
final class DisplayUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    DisplayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
