package dev.twilight.api.client;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The client side of nvhttp, with a persisted client identity (key, certificate, uniqueid) and the server
 * certificates pinned at pairing. Blocking calls; each one opens its own connection, as hosts expect.
 */
@ProviderType
public interface GameStreamClient {

    /** A random four-digit PIN for the user to enter on the host. */
    String newPin();

    /** serverinfo over HTTPS when this client is paired with the host (pinned certificate), else HTTP. */
    HostInfo serverInfo(HostAddress host) throws ClientException;

    /**
     * Pairs with a host: phase 1 waits until the PIN is entered there (or {@code timeout}), then the
     * challenge phases run and the host's certificate is pinned.
     *
     * @throws ClientException with a message saying whether the PIN was wrong, the host refused, or it
     *                         timed out
     */
    void pair(HostAddress host, String pin, Duration timeout) throws ClientException;

    /** Whether a certificate is pinned for the host (this client paired with it). */
    boolean isPaired(HostAddress host) throws ClientException;

    List<HostApp> appList(HostAddress host) throws ClientException;

    /** Launches an app with fresh remote-input keys. */
    LaunchResult launch(HostAddress host, LaunchRequest request) throws ClientException;

    /** Resumes the running app with fresh remote-input keys. */
    LaunchResult resume(HostAddress host, LaunchRequest request) throws ClientException;

    /** Quits the running app, then checks serverinfo that it is gone. */
    void cancel(HostAddress host) throws ClientException;

    /** Tells the host to forget this client (harmless on Sunshine) and forgets the pinned certificate. */
    void unpair(HostAddress host) throws ClientException;
}
