package dev.twilight.api.session;

import java.time.Duration;

/**
 * A request a session policy decides on.
 *
 * @param action       what the client asks for
 * @param client       the asking client
 * @param appId        the app concerned: the one to launch, or the running one (0 when none runs)
 * @param runningAppId the app running now, 0 when none
 * @param pingTimeout  the host's configured ping timeout, which bounds how long a silent session lives
 */
public record SessionRequest(Action action, ClientRef client, int appId, int runningAppId, Duration pingTimeout) {

    public enum Action {
        LAUNCH, RESUME, CANCEL
    }
}
