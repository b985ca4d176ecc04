package dev.twilight.api.pipeline;

import dev.twilight.api.media.AccessUnit;
import org.osgi.annotation.versioning.ConsumerType;

/** Receives a stream's access units on its encode thread. Implementations hand off and return quickly. */
@ConsumerType
public interface AccessUnitListener {

    void accessUnit(AccessUnit unit);

    /** Called once when the stream ends, with the reason. */
    default void streamEnded(String reason) {
    }
}
