package dev.twilight.api.pairing;

/**
 * What entering a PIN did.
 *
 * @param accepted true when a waiting pairing attempt took the PIN (whether it matches the client's is known
 *                 only when the client finishes; a wrong PIN fails that attempt)
 * @param message  what happened or what to do, for people
 */
public record PinOutcome(boolean accepted, String message) {
}
