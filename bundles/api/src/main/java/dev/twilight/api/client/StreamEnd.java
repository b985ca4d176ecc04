package dev.twilight.api.client;

/**
 * Why a stream ended.
 *
 * @param reason     the kind of end
 * @param hostReason with {@link Reason#HOST_ENDED}: the host's reason code (0x80030023 when the app exited);
 *                   otherwise 0
 * @param message    what happened, for people
 */
public record StreamEnd(Reason reason, int hostReason, String message) {

    /** The reason code of a host whose app exited or that shut down: a normal end. */
    public static final int HOST_APP_EXITED = 0x80030023;

    public enum Reason {
        /** The host sent its termination message. */
        HOST_ENDED,
        /** This side closed the connection. */
        CLOSED,
        /**
         * The host stopped answering (control stream timeout), disconnected without a termination message, or
         * sent no video.
         */
        CONNECTION_LOST
    }
}
