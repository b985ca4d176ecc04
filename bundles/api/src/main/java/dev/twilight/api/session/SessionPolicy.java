package dev.twilight.api.session;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides what launch, resume and cancel requests may do while sessions are live. Implementations
 * ({@code strict}, {@code lenient}) are services chosen by configuration and swapped at runtime; they hold no
 * session state of their own, so a switch never drops a live session.
 */
@ConsumerType
public interface SessionPolicy {

    /** Configuration name: {@code strict} or {@code lenient}. */
    String name();

    String description();

    /**
     * @param request the request to decide on
     * @param live    the sessions that are live now (never ended ones)
     */
    PolicyDecision decide(SessionRequest request, List<StreamSession> live);
}
