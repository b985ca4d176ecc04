package dev.twilight.api.session;

import java.util.Objects;

/**
 * Who makes a request: an authorised (paired) client.
 *
 * @param id       the paired client's id ({@link dev.twilight.api.pairing.PairedClient#id()})
 * @param name     its paired name
 * @param uniqueId the {@code uniqueid} it sent (Android clients all send the same one)
 * @param address  its network address, for messages and logs
 */
public record ClientRef(String id, String name, String uniqueId, String address) {

    public ClientRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(address, "address");
    }
}
