package dev.twilight.gamestream.control;

/** A control message or input packet that does not have the shape its type requires; it is counted and dropped. */
final class MalformedMessageException extends Exception {

    MalformedMessageException(String message) {
        super(message);
    }
}
