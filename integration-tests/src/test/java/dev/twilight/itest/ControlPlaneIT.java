package dev.twilight.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostApp;
import dev.twilight.api.client.HostInfo;
import dev.twilight.api.client.LaunchRequest;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchOutcome;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.SessionListener;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The GameStream control plane over real sockets on loopback: the Twilight client side against the host's
 * nvhttp server, with the host's session manager and policies, in one Felix framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ControlPlaneIT {

    private static final long PING_TIMEOUT_MS = 2000;

    @Inject
    private BundleContext context;
    @Inject
    private GameStreamClient client;
    @Inject
    private PairingService pairing;
    @Inject
    private PairedClients pairedClients;
    @Inject
    private SessionManager sessions;
    @Inject
    private AppRegistry apps;
    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return RoleOptions.role("host", RoleOptions.roleBundles("client"));
    }

    @Before
    public void prepare() throws Exception {
        Path config = Path.of(context.getProperty(RoleOptions.CONFIG_DIR));
        Path apps = config.resolve("apps.json");
        if (!Files.exists(apps)) {
            Files.writeString(apps, "{\"apps\":[{\"name\":\"Desktop\"},{\"name\":\"Sleeper\",\"cmd\":\"sleep 300\"}]}");
        }
        HostFixture.setSessions(configurationAdmin, sessions, "lenient", PING_TIMEOUT_MS);
        HostFixture.await("the app list is read", 10,
                () -> this.apps.apps().stream().anyMatch(app -> app.name().equals("Sleeper")));
        if (sessions.currentAppId() != 0) {
            HostFixture.setSessions(configurationAdmin, sessions, "lenient", PING_TIMEOUT_MS);
            sessions.liveSessions().forEach(session -> sessions.forceDisconnect(session.id(), "test reset"));
        }
    }

    @Test
    public void pairListLaunchResumeCancelAndUnpair() throws Exception {
        HostAddress host = HostFixture.host(context);
        HostInfo plain = client.serverInfo(host);
        assertEquals("7.1.431.-1", plain.appVersion());
        assertFalse(plain.paired());
        assertTrue("H.264 is always offered", (plain.codecModeSupport() & 0x1) != 0);

        HostFixture.pair(client, pairing, host, "Living room");
        assertTrue(client.isPaired(host));
        assertTrue(client.serverInfo(host).paired());
        assertTrue(pairedClients.list().stream().anyMatch(paired -> paired.name().equals("Living room")));

        List<HostApp> list = client.appList(host);
        assertEquals("Desktop", list.get(0).title());
        HostApp sleeper = list.stream().filter(app -> app.title().equals("Sleeper")).findFirst().orElseThrow();
        assertTrue(sleeper.id() > 0);

        long sleepersBefore = processes("sleep 300");
        LaunchResult launched = client.launch(host, LaunchRequest.stereo(sleeper.id(), 1280, 720, 60));
        assertTrue(launched.sessionUrl(), launched.sessionUrl().matches("rtspenc://127\\.0\\.0\\.1:\\d+"));
        // the port the RTSP server bound (the system picked it here), which is nvhttp + 21 by default
        Object rtspPort = context.getServiceReferences(SessionListener.class, "(rtsp.port=*)").iterator().next()
                .getProperty("rtsp.port");
        assertEquals(rtspPort, Integer.parseInt(launched.sessionUrl().replaceAll(".*:", "")));
        HostInfo busy = client.serverInfo(host);
        assertTrue(busy.busy());
        assertEquals(sleeper.id(), busy.currentGame());
        assertEquals(1, sessions.liveSessions().size());
        assertEquals(SessionState.PENDING_LAUNCH, sessions.liveSessions().get(0).state());
        assertTrue("the app's command runs", processes("sleep 300") > sleepersBefore);

        client.resume(host, LaunchRequest.stereo(0, 1920, 1080, 60));
        assertEquals("a resume replaces the client's own pending launch", 1, sessions.liveSessions().size());
        assertEquals(1920, sessions.liveSessions().get(0).parameters().width());

        client.cancel(host);
        assertEquals(0, sessions.currentAppId());
        assertFalse(client.serverInfo(host).busy());
        assertTrue(sessions.liveSessions().isEmpty());
        assertEquals("the app's processes are gone", sleepersBefore, processes("sleep 300"));

        client.unpair(host);
        assertFalse(client.isPaired(host));
    }

    @Test
    public void aWrongPinFailsCleanlyAndAPinNeverEnteredTimesOut() throws Exception {
        HostAddress host = HostFixture.host(context);
        int before = pairedClients.list().size();
        CompletableFuture<Void> attempt = HostFixture.pairingAttempt(client, host, "1111");
        HostFixture.await("the pairing attempt waits for its PIN", 10, () -> !pairing.pending().isEmpty());
        assertTrue(pairing.submitPin("2222", "Wrong").accepted());
        try {
            attempt.get(20, TimeUnit.SECONDS);
            fail("pairing with a wrong PIN succeeded");
        } catch (java.util.concurrent.ExecutionException expected) {
            assertTrue(expected.getCause().getMessage(), expected.getCause().getMessage().toLowerCase().contains("pin"));
        }
        assertEquals(before, pairedClients.list().size());

        long start = System.nanoTime();
        try {
            client.pair(host, "3333", Duration.ofSeconds(30));
            fail("pairing without a PIN succeeded");
        } catch (ClientException expected) {
            assertTrue("the host gives up after its pairing timeout", System.nanoTime() - start
                    < TimeUnit.SECONDS.toNanos(25));
        }
        assertTrue("no attempt is left waiting", pairing.pending().isEmpty());
        assertEquals(before, pairedClients.list().size());
    }

    @Test
    public void anUnpairedCertificateIsRefusedOnHttpsAndPairingSurvivesAHostRestart() throws Exception {
        HostAddress host = HostFixture.host(context);
        HostFixture.pair(client, pairing, host, "Laptop");
        PairedClient laptop = pairedClients.list().stream().filter(c -> c.name().equals("Laptop")).findFirst()
                .orElseThrow();
        String hostId = client.serverInfo(host).uniqueId();

        for (String symbolicName : List.of("dev.twilight.gamestream", "dev.twilight.host")) {
            bundle(symbolicName).stop();
        }
        for (String symbolicName : List.of("dev.twilight.host", "dev.twilight.gamestream")) {
            bundle(symbolicName).start();
        }
        HostAddress restarted = HostFixture.host(context);
        assertEquals("the host keeps its identity", hostId, client.serverInfo(restarted).uniqueId());
        assertTrue("the paired client is still authorised", client.serverInfo(restarted).paired());
        assertFalse(client.appList(restarted).isEmpty());

        // the host bundle was restarted: use its new services, not the ones injected before
        assertTrue(service(PairedClients.class).remove(laptop.id()));
        try {
            client.appList(restarted);
            fail("an unpaired certificate was accepted");
        } catch (ClientException expected) {
            assertEquals(401, expected.status());
        }
        assertFalse(client.serverInfo(restarted).paired());
        client.unpair(restarted);
    }

    @Test
    public void seedScenarioStrictRefusesUntilThePingTimeoutReapsTheSilentStream() throws Exception {
        HostAddress host = HostFixture.host(context);
        HostFixture.pair(client, pairing, host, "Phone");
        HostFixture.setSessions(configurationAdmin, sessions, "strict", PING_TIMEOUT_MS);
        int appId = sleeperId(host);
        client.launch(host, LaunchRequest.stereo(appId, 1280, 720, 60));
        StreamSession stream = claim();

        // the client paused (no quit, no pings); quitting is refused with the reason and the remedy
        ClientException refused = cancelRefused(host);
        assertEquals(503, refused.status());
        assertTrue(refused.getMessage(), refused.getMessage().contains("All sessions must be disconnected before quitting"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("Phone"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("lenient"));
        assertEquals(appId, sessions.currentAppId());

        HostFixture.await("the ping timeout reaps the silent stream", 10,
                () -> sessions.find(stream.id()).map(s -> s.state() == SessionState.ENDED).orElse(true));
        client.cancel(host);
        assertEquals(0, sessions.currentAppId());
        client.unpair(host);
    }

    @Test
    public void seedScenarioLenientQuitsAtOnceAndASwitchFromStrictTakesEffectOnTheNextRequest() throws Exception {
        HostAddress host = HostFixture.host(context);
        HostFixture.pair(client, pairing, host, "Tablet");
        int appId = sleeperId(host);

        HostFixture.setSessions(configurationAdmin, sessions, "lenient", PING_TIMEOUT_MS);
        client.launch(host, LaunchRequest.stereo(appId, 1280, 720, 60));
        StreamSession first = claim();
        client.cancel(host);
        assertEquals(0, sessions.currentAppId());
        assertEquals(SessionState.ENDED, sessions.find(first.id()).orElseThrow().state());

        HostFixture.setSessions(configurationAdmin, sessions, "strict", PING_TIMEOUT_MS);
        client.launch(host, LaunchRequest.stereo(appId, 1280, 720, 60));
        StreamSession stale = claim();
        // a second client launches while the first is live: strict names the live session
        ClientRef other = new ClientRef("other-client", "Other", "0123456789ABCDEF", "127.0.0.2");
        LaunchOutcome second = sessions.resume(other, parameters(appId));
        assertFalse(second.isAccepted());
        assertEquals(503, second.refusal().status());
        assertTrue(second.refusal().message(), second.refusal().message().contains("Tablet"));
        assertEquals(503, cancelRefused(host).status());

        HostFixture.setSessions(configurationAdmin, sessions, "lenient", PING_TIMEOUT_MS);
        HostFixture.await("the policy switch arrives", 10, () -> sessions.policyName().equals("lenient"));
        assertEquals("the switch kept the live stream", SessionState.STREAMING,
                sessions.find(stale.id()).orElseThrow().state());
        assertTrue("under lenient a second client may watch", sessions.resume(other, parameters(appId)).isAccepted());
        client.cancel(host);
        assertEquals(0, sessions.currentAppId());
        assertTrue(sessions.liveSessions().isEmpty());
        client.unpair(host);
    }

    @Test
    public void anAdminCanForceDisconnectOneSessionUnderEitherPolicy() throws Exception {
        HostAddress host = HostFixture.host(context);
        HostFixture.pair(client, pairing, host, "Console");
        int appId = sleeperId(host);
        for (String policy : List.of("strict", "lenient")) {
            HostFixture.setSessions(configurationAdmin, sessions, policy, PING_TIMEOUT_MS);
            client.launch(host, LaunchRequest.stereo(appId, 1280, 720, 60));
            StreamSession session = claim();
            assertTrue(sessions.forceDisconnect(session.id(), "admin test"));
            assertEquals(SessionState.ENDED, sessions.find(session.id()).orElseThrow().state());
            assertTrue(sessions.liveSessions().isEmpty());
            client.cancel(host);
        }
        client.unpair(host);
    }

    @Test
    public void hostileInputGetsXmlErrorsAndTheServerKeepsServing() throws Exception {
        HostAddress host = HostFixture.host(context);
        try (Socket slow = new Socket("127.0.0.1", host.httpPort())) {
            slow.getOutputStream().write("GET /serverinfo?uniq".getBytes(StandardCharsets.US_ASCII));
            assertTrue(raw(host, "GET /serverinfo?uniqueid=abc HTTP/1.1\r\nHost: x\r\n\r\n").contains("<appversion>"));

            assertTrue(raw(host, "GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n").contains("status_code=\"404\""));
            assertTrue(raw(host, "GET /pair?uniqueid=x&phrase=getservercert&salt=zz&clientcert=qq HTTP/1.1\r\n"
                    + "Host: x\r\n\r\n").contains("status_code=\"400\""));
            assertTrue(raw(host, "GET /pair?uniqueid=x&clientchallenge=00 HTTP/1.1\r\nHost: x\r\n\r\n")
                    .contains("status_code=\"400\""));
            raw(host, "GET /serverinfo?" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            raw(host, "\u0000\u0001garbage\r\n\r\n");
            assertTrue(raw(host, "GET /serverinfo HTTP/1.1\r\nHost: x\r\n\r\n").contains("<appversion>"));
        }
        assertEquals("7.1.431.-1", client.serverInfo(host).appVersion());
    }

    private int sleeperId(HostAddress host) throws ClientException {
        return client.appList(host).stream().filter(app -> app.title().equals("Sleeper")).findFirst().orElseThrow()
                .id();
    }

    /** What RTSP will do: the client's handshake claims its pending launch. */
    private StreamSession claim() {
        StreamSession pending = sessions.liveSessions().stream()
                .filter(session -> session.state() == SessionState.PENDING_LAUNCH).findFirst().orElseThrow();
        return sessions.claimPendingLaunch(pending.client().id()).orElseThrow();
    }

    private ClientException cancelRefused(HostAddress host) {
        try {
            client.cancel(host);
        } catch (ClientException refused) {
            return refused;
        }
        throw new AssertionError("cancel was not refused");
    }

    private static LaunchParameters parameters(int appId) {
        return new LaunchParameters(appId, 1280, 720, 60, new byte[16], 7, false, 0x30002, false, 1, false, 0);
    }

    private <S> S service(Class<S> type) {
        return context.getService(context.getServiceReference(type));
    }

    private Bundle bundle(String symbolicName) {
        return Stream.of(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    private static long processes(String commandLine) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.endsWith(commandLine)).orElse(false))
                .count();
    }

    private static String raw(HostAddress host, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", host.httpPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.net.SocketException reset) {
            return "connection reset: " + reset.getMessage();
        }
    }
}
