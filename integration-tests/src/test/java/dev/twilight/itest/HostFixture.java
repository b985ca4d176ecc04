package dev.twilight.itest;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.session.SessionManager;
import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/** What tests of a host in the framework share: where it listens, its session settings, bounded waiting. */
final class HostFixture {

    private HostFixture() {
    }

    /** The running nvhttp server's loopback address, once it has bound. */
    static HostAddress host(BundleContext context) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            ServiceReference<PairingService> reference = context.getServiceReference(PairingService.class);
            if (reference != null && reference.getProperty("nvhttp.port") != null) {
                return new HostAddress("127.0.0.1", (Integer) reference.getProperty("nvhttp.port"),
                        (Integer) reference.getProperty("nvhttp.https.port"));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the nvhttp server did not come up");
    }

    /** Sets the session policy and ping timeout through Configuration Admin and waits until they apply. */
    static void setSessions(ConfigurationAdmin configurationAdmin, SessionManager sessions, String policy,
                            long pingTimeoutMs) throws IOException, InterruptedException {
        org.osgi.service.cm.Configuration configuration = configurationAdmin
                .getConfiguration(SessionManager.CONFIGURATION_PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SessionManager.POLICY, policy);
        properties.put("ping.timeout.ms", (int) pingTimeoutMs);
        properties.put("app.stop.timeout.ms", 2000);
        configuration.update(properties);
        await("policy " + policy + " in force", 10, () -> sessions.policyName().equals(policy));
    }

    /** Pairs the in-framework client with the host, entering its PIN on the host under {@code name}. */
    static void pair(GameStreamClient client, PairingService pairing, HostAddress host, String name)
            throws Exception {
        String pin = client.newPin();
        CompletableFuture<Void> attempt = pairingAttempt(client, host, pin);
        await("the pairing attempt waits for its PIN", 10, () -> !pairing.pending().isEmpty());
        if (!pairing.submitPin(pin, name).accepted()) {
            throw new AssertionError("the host did not take the PIN");
        }
        attempt.get(30, TimeUnit.SECONDS);
    }

    /** The client's side of pairing, running until the host takes a PIN or the attempt times out. */
    static CompletableFuture<Void> pairingAttempt(GameStreamClient client, HostAddress host, String pin) {
        return CompletableFuture.runAsync(() -> {
            try {
                client.pair(host, pin, Duration.ofSeconds(30));
            } catch (ClientException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
