package dev.twilight.api.pairing;

import java.time.Instant;

/**
 * A pairing attempt waiting for its PIN (the client shows the PIN; the user enters it on the host).
 *
 * @param uniqueId the client's {@code uniqueid} query parameter
 * @param address  where the request came from
 * @param started  when the client asked
 * @param expires  when the attempt is given up if no PIN arrives
 */
public record PendingPairing(String uniqueId, String address, Instant started, Instant expires) {
}
