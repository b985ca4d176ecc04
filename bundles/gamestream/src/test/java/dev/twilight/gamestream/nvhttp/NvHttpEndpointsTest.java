package dev.twilight.gamestream.nvhttp;

import static dev.twilight.gamestream.nvhttp.PairingOverNvHttpTest.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.HostApp;
import dev.twilight.api.client.HostInfo;
import dev.twilight.api.client.LaunchRequest;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.Refusal;
import dev.twilight.gamestream.crypto.Identity;
import dev.twilight.gamestream.nvhttp.TestHostServices.EncoderList;
import dev.twilight.gamestream.nvhttp.TestHostServices.RecordingSessions.Call;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvHttpEndpointsTest extends NvHttpServerFixture {

    @Test
    void serverInfoOverHttpTellsWhoTheHostIsAndOffersH264WithoutAPipeline() throws Exception {
        String xml = RawNvHttp.http(host.httpPort(), get("/serverinfo?uniqueid=0123456789ABCDEF&uuid=x"));
        assertTrue(xml.startsWith("HTTP/1.1 200 OK"), xml);
        assertTrue(xml.contains("<?xml version=\"1.0\" encoding=\"utf-8\"?><root status_code=\"200\"><hostname>"
                + "Test Host</hostname><appversion>7.1.431.-1</appversion><GfeVersion>3.23.0.74</GfeVersion>"), xml);
        assertTrue(xml.contains("<HttpsPort>" + host.httpsPort() + "</HttpsPort><ExternalPort>" + host.httpPort()
                + "</ExternalPort><MaxLumaPixelsHEVC>0</MaxLumaPixelsHEVC><mac>00:00:00:00:00:00</mac>"
                + "<LocalIP>127.0.0.1</LocalIP><ServerCodecModeSupport>1</ServerCodecModeSupport>"
                + "<PairStatus>0</PairStatus><currentgame>0</currentgame><state>SUNSHINE_SERVER_FREE</state>"), xml);
        assertFalse(xml.contains("MJOLNIR"));

        HostInfo info = client.serverInfo(host);
        assertEquals("Test Host", info.hostname());
        assertEquals(host.httpsPort(), info.httpsPort());
        assertFalse(info.paired());
    }

    @Test
    void codecsFollowTheEncodersThatAreAvailable() throws Exception {
        EncoderList pipeline = new EncoderList().encoder("H264", true).encoder("AV1", false);
        server.setVideoPipeline(pipeline);
        assertEquals(0x1, client.serverInfo(host).codecModeSupport());
        pipeline.encoder("H264,HEVC", true).encoder("AV1", true);
        assertEquals(0x10101, client.serverInfo(host).codecModeSupport());
        assertTrue(RawNvHttp.http(host.httpPort(), get("/serverinfo")).contains("<MaxLumaPixelsHEVC>1869449984<"));
        server.unsetVideoPipeline(pipeline);
        assertEquals(0x1, client.serverInfo(host).codecModeSupport());
    }

    @Test
    void aPairedClientSeesPairStatusAppsAndTheRunningGame() throws Exception {
        pair("Den");
        sessions.currentApp = 7;
        HostInfo info = client.serverInfo(host);
        assertTrue(info.paired());
        assertTrue(info.busy());
        assertEquals(7, info.currentGame());

        List<HostApp> list = client.appList(host);
        assertEquals(List.of(new HostApp(1, "Desktop", false), new HostApp(7, "Game <1> & co", false),
                new HostApp(9, "Broken art", false)), list);
    }

    @Test
    void launchResumeAndCancelMapTheProtocolToTheSessionManager() throws Exception {
        pair("Den");
        PairedClient paired = pairedClients.list().get(0);
        LaunchResult launched = client.launch(host, new LaunchRequest(7, 1280, 720, 60, true, 0x3F0006, true));

        assertEquals("rtspenc://127.0.0.1:" + (host.httpPort() + 21), launched.sessionUrl());
        Call launch = sessions.calls.get(0);
        assertEquals("launch", launch.action());
        ClientRef who = launch.client();
        assertEquals(paired.id(), who.id());
        assertEquals("Den", who.name());
        assertTrue(who.uniqueId().matches("[0-9A-F]{16}"), who.uniqueId());
        assertEquals("127.0.0.1", who.address());
        LaunchParameters parameters = launch.parameters();
        assertEquals(7, parameters.appId());
        assertEquals(1280, parameters.width());
        assertEquals(720, parameters.height());
        assertEquals(60, parameters.fps());
        assertArrayEquals(launched.remoteInputKey(), parameters.remoteInputKey());
        assertEquals(launched.remoteInputKeyId(), parameters.remoteInputKeyId());
        assertTrue(parameters.localAudio());
        assertEquals(0x3F0006, parameters.surroundAudioInfo());
        assertTrue(parameters.hdr());
        assertEquals(1, parameters.coreVersion());
        assertFalse(parameters.optimizeSettings());
        assertEquals(0, parameters.gamepadMask());
        assertEquals(7, client.serverInfo(host).currentGame());

        LaunchResult resumed = client.resume(host, LaunchRequest.stereo(0, 1920, 1080, 120));
        Call resume = sessions.calls.get(1);
        assertEquals("resume", resume.action());
        assertEquals(1920, resume.parameters().width());
        assertEquals(0x30002, resume.parameters().surroundAudioInfo());
        assertFalse(resume.parameters().localAudio());
        assertArrayEquals(resumed.remoteInputKey(), resume.parameters().remoteInputKey());

        client.cancel(host);
        assertEquals("cancel", sessions.calls.get(2).action());
        assertEquals(0, client.serverInfo(host).currentGame());
    }

    @Test
    void refusalsCarryTheSessionManagersStatusMessageAndRemedy() throws Exception {
        pair("Phone");
        sessions.currentApp = 7;
        sessions.refusal = new Refusal(503, "sessions-live", "All sessions must be disconnected before quitting.",
                "Disconnect 'Phone' first, or switch the policy to lenient.");

        ClientException refused = assertThrows(ClientException.class, () -> client.cancel(host));
        assertEquals(503, refused.status());
        assertEquals("All sessions must be disconnected before quitting. Disconnect 'Phone' first, or switch the "
                + "policy to lenient.", refused.getMessage());
        assertEquals(503, assertThrows(ClientException.class,
                () -> client.launch(host, LaunchRequest.stereo(7, 1280, 720, 60))).status());
        assertEquals(7, sessions.currentApp);
    }

    @Test
    void aQuitThatLeavesTheAppRunningIsReportedByTheClient() throws Exception {
        pair("Tablet");
        sessions.currentApp = 7;
        sessions.appSurvivesCancel = true;
        assertEquals(599, assertThrows(ClientException.class, () -> client.cancel(host)).status());
    }

    @Test
    void anUnpairedCertificateGets401OnEveryHttpsPath() throws Exception {
        pair("Laptop");
        assertFalse(client.appList(host).isEmpty());
        pairedClients.remove(pairedClients.list().get(0).id());

        assertEquals(401, assertThrows(ClientException.class, () -> client.appList(host)).status());
        assertFalse(client.serverInfo(host).paired(), "the client falls back to HTTP");

        Identity stranger = Identity.generate(Identity.Role.CLIENT);
        for (String path : List.of("/serverinfo", "/applist", "/launch?appid=1", "/cancel", "/nothing")) {
            String answer = RawNvHttp.https(host.httpsPort(), stranger, path).text();
            String query = path.replaceAll("\\?.*", "");
            assertTrue(answer.contains("status_code=\"401\"") && answer.contains("query=\"" + query + "\""), answer);
        }
        assertTrue(sessions.calls.isEmpty());
    }

    @Test
    void appAssetsArePngsWithTheDefaultForUnreadableOrUnknownArt() throws Exception {
        Identity raw = Identity.generate(Identity.Role.CLIENT);
        pairedClients.add("Raw", raw.certificatePem());

        RawNvHttp.Answer game = RawNvHttp.https(host.httpsPort(), raw, "/appasset?appid=7&AssetType=2&AssetIdx=0");
        assertTrue(game.head().startsWith("HTTP/1.1 200 OK"), game.head());
        assertTrue(game.head().toLowerCase().contains("content-type: image/png"), game.head());
        assertArrayEquals(Files.readAllBytes(boxArt), game.body());

        byte[] fallback = AppEndpoints.defaultBoxArt();
        assertArrayEquals(fallback, RawNvHttp.https(host.httpsPort(), raw, "/appasset?appid=9").body());
        assertArrayEquals(fallback, RawNvHttp.https(host.httpsPort(), raw, "/appasset?appid=12345").body());
    }

    @Test
    void launchNeedsItsKeysAndReportsMalformedValues() throws Exception {
        Identity raw = Identity.generate(Identity.Role.CLIENT);
        pairedClients.add("Raw", raw.certificatePem());
        String key = "00112233445566778899AABBCCDDEEFF";

        assertMissing(raw, "/launch?appid=7&rikeyid=1&localAudioPlayMode=0", "rikey");
        assertMissing(raw, "/launch?appid=7&rikey=" + key + "&localAudioPlayMode=0", "rikeyid");
        assertMissing(raw, "/launch?appid=7&rikey=" + key + "&rikeyid=1", "localAudioPlayMode");
        assertMissing(raw, "/launch?rikey=" + key + "&rikeyid=1&localAudioPlayMode=0", "appid");
        assertMissing(raw, "/resume?rikey=" + key, "rikeyid");
        assertTrue(RawNvHttp.https(host.httpsPort(), raw, "/launch?appid=7&rikey=00&rikeyid=1&localAudioPlayMode=0")
                .text().contains("16 bytes"));
        assertTrue(RawNvHttp.https(host.httpsPort(), raw, "/launch?appid=7&rikey=" + key
                + "&rikeyid=1&localAudioPlayMode=0&mode=big").text().contains("WIDTHxHEIGHTxFPS"));
        assertTrue(sessions.calls.isEmpty());

        String plain = RawNvHttp.https(host.httpsPort(), raw, "/launch?appid=7&rikey=" + key
                + "&rikeyid=4294967295&localAudioPlayMode=0&mode=1280x720x60").text();
        assertTrue(plain.contains("<sessionUrl0>rtsp://127.0.0.1:" + (host.httpPort() + 21) + "</sessionUrl0>"
                + "<gamesession>1</gamesession>"), plain);
        assertEquals(-1, sessions.calls.get(0).parameters().remoteInputKeyId());
        assertEquals(0, sessions.calls.get(0).parameters().coreVersion());
    }

    @Test
    void theHostKeepsItsIdentityAcrossRestarts() throws Exception {
        String before = client.serverInfo(host).uniqueId();
        start(TestHostServices.config(5000, 5));
        assertEquals(before, client.serverInfo(host).uniqueId());
    }

    @Test
    void pairingSurvivesAHostRestartAndUnpairForgetsThePin() throws Exception {
        pair("Console");
        start(TestHostServices.config(5000, 5));
        assertTrue(client.serverInfo(host).paired());
        client.unpair(host);
        assertFalse(client.isPaired(host));
        assertEquals(401, assertThrows(ClientException.class, () -> client.appList(host)).status());
    }

    private void assertMissing(Identity raw, String pathAndQuery, String parameter) throws Exception {
        String answer = RawNvHttp.https(host.httpsPort(), raw, pathAndQuery).text();
        assertTrue(answer.contains("status_code=\"400\"") && answer.contains("'" + parameter + "'"), answer);
    }
}
