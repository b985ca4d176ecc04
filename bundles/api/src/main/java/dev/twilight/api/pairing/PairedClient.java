package dev.twilight.api.pairing;

import java.time.Instant;
import java.util.Objects;

/**
 * A client that completed pairing: its certificate is what authorises it on the HTTPS port.
 *
 * @param id             stable random id given at pairing (not the client's {@code uniqueid}, which
 *                       Android clients share)
 * @param name           the name given when the PIN was entered; can be renamed
 * @param certificatePem the client certificate, PEM text
 * @param fingerprint    SHA-256 of the certificate's DER encoding, lowercase hex
 * @param firstSeen      when pairing completed
 * @param lastSeen       when the client was last authorised on the HTTPS port
 */
public record PairedClient(String id, String name, String certificatePem, String fingerprint, Instant firstSeen,
                           Instant lastSeen) {

    public PairedClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
