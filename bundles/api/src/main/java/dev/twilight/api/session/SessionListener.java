package dev.twilight.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: told of every session event. The streaming plane uses it to send a client its termination
 * message when its session goes to {@link SessionState#STOPPING}. Called off the request threads; must
 * return quickly.
 */
@ConsumerType
public interface SessionListener {

    void sessionEvent(StreamSession session, SessionEvent event);
}
