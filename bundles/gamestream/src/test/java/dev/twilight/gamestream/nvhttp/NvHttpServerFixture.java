package dev.twilight.gamestream.nvhttp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.HostAddress;
import dev.twilight.client.nvhttp.NvHttpGameStreamClient;
import dev.twilight.gamestream.nvhttp.TestHostServices.ListedApps;
import dev.twilight.gamestream.nvhttp.TestHostServices.MemoryPairedClients;
import dev.twilight.gamestream.nvhttp.TestHostServices.RecordingSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real nvhttp server on 127.0.0.1 with ephemeral ports, in-test host services, and the real client. */
abstract class NvHttpServerFixture {

    @TempDir
    Path state;
    final MemoryPairedClients pairedClients = new MemoryPairedClients();
    final RecordingSessions sessions = new RecordingSessions();
    ListedApps apps;
    Path boxArt;
    NvHttpServer server;
    NvHttpGameStreamClient client;
    HostAddress host;

    @BeforeEach
    void startHost() throws Exception {
        boxArt = state.resolve("game.png");
        Files.write(boxArt, AppEndpoints.defaultBoxArt());
        apps = new ListedApps(TestHostServices.app(1, "Desktop", ""), TestHostServices.app(7, "Game <1> & co", boxArt.toString()),
                TestHostServices.app(9, "Broken art", state.resolve("missing.png").toString()));
        start(TestHostServices.config(5000, 5));
        client = new NvHttpGameStreamClient(state.resolve("client"));
    }

    void start(NvHttpConfig config) throws Exception {
        if (server != null) {
            server.deactivate();
        }
        server = new NvHttpServer(config, state.resolve("host"), pairedClients, apps, sessions);
        host = new HostAddress("127.0.0.1", server.httpPort(), server.httpsPort());
    }

    @AfterEach
    void stopHost() {
        server.deactivate();
    }

    /** Pairs the client as a user would: the client waits, the PIN is entered on the host. */
    void pair(String name) throws Exception {
        String pin = client.newPin();
        CompletableFuture<Void> attempt = pairInBackground(pin);
        awaitPending();
        assertTrue(server.submitPin(pin, name).accepted());
        attempt.get(20, TimeUnit.SECONDS);
    }

    CompletableFuture<Void> pairInBackground(String pin) {
        return CompletableFuture.runAsync(() -> {
            try {
                client.pair(host, pin, Duration.ofSeconds(20));
            } catch (ClientException e) {
                throw new CompletionException(e);
            }
        });
    }

    void awaitPending() throws InterruptedException {
        await("a pairing attempt waits for its PIN", () -> !server.pending().isEmpty());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
