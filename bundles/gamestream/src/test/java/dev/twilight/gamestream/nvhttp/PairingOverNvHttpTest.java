package dev.twilight.gamestream.nvhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.api.pairing.PinOutcome;
import dev.twilight.gamestream.crypto.Hex;
import dev.twilight.gamestream.crypto.Identity;
import dev.twilight.gamestream.crypto.PairingCrypto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PairingOverNvHttpTest extends NvHttpServerFixture {

    @Test
    void theRightPinPairsAndTheClientIsAuthorisedOverHttps() throws Exception {
        assertFalse(client.isPaired(host));
        String pin = client.newPin();
        CompletableFuture<Void> attempt = pairInBackground(pin);
        awaitPending();
        List<PendingPairing> pending = server.pending();
        assertEquals(1, pending.size());
        assertEquals("127.0.0.1", pending.get(0).address());
        assertTrue(pending.get(0).uniqueId().matches("[0-9A-F]{16}"));
        assertTrue(pending.get(0).expires().isAfter(pending.get(0).started()));

        PinOutcome outcome = server.submitPin(pin, "Living room");
        assertTrue(outcome.accepted(), outcome.message());
        attempt.get(20, TimeUnit.SECONDS);

        PairedClient paired = pairedClients.list().get(0);
        assertEquals("Living room", paired.name());
        assertTrue(server.pending().isEmpty());
        assertTrue(client.isPaired(host));
        assertTrue(client.serverInfo(host).paired());
        assertTrue(pairedClients.seen.contains(paired.id()), "authorised requests are recorded as seen");
    }

    @Test
    void aWrongPinFailsOnTheClientAndNothingIsPaired() throws Exception {
        CompletableFuture<Void> attempt = pairInBackground("1111");
        awaitPending();
        assertTrue(server.submitPin("2222", "Wrong").accepted());

        ExecutionException failed = assertThrows(ExecutionException.class, () -> attempt.get(20, TimeUnit.SECONDS));
        ClientException cause = assertInstanceOf(ClientException.class, failed.getCause());
        assertTrue(cause.getMessage().contains("PIN"), cause.getMessage());
        assertTrue(pairedClients.list().isEmpty());
        assertFalse(client.isPaired(host));
        await("the failed attempt is gone", () -> server.pending().isEmpty());

        // and the client can pair right after
        pair("Second try");
        assertTrue(client.isPaired(host));
    }

    @Test
    void aPinNeverEnteredTimesOutOnTheHost() throws Exception {
        start(TestHostServices.config(1000, 5));
        ClientException timedOut = assertThrows(ClientException.class,
                () -> client.pair(host, "3333", Duration.ofSeconds(30)));
        assertEquals(408, timedOut.status());
        assertTrue(timedOut.getMessage().contains("PIN"), timedOut.getMessage());
        assertTrue(server.pending().isEmpty());
        assertTrue(pairedClients.list().isEmpty());
    }

    @Test
    void aClientGivingUpFirstLeavesNoAttemptBehind() throws Exception {
        ClientException gaveUp = assertThrows(ClientException.class,
                () -> client.pair(host, "4444", Duration.ofMillis(300)));
        assertTrue(gaveUp.getMessage().contains("no PIN was entered"), gaveUp.getMessage());
        await("the host drops the attempt", () -> server.pending().isEmpty());
        assertFalse(server.submitPin("4444", "Late").accepted());
    }

    @Test
    void pinsAreFourDigitsAndNeedAWaitingClient() {
        PinOutcome none = server.submitPin("1234", "Nobody");
        assertFalse(none.accepted());
        assertEquals("no client is waiting to pair: start pairing on the client first", none.message());
        assertFalse(server.submitPin("12345", "x").accepted());
        assertFalse(server.submitPin("12a4", "x").accepted());
        assertFalse(server.submitPin(null, "x").accepted());
    }

    @Test
    void aNewPhaseOneReplacesTheClientsOlderAttemptAndThePinGoesToTheNewest() throws Exception {
        Identity other = Identity.generate(Identity.Role.CLIENT);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> phaseOne("0123456789ABCDEF", other));
        awaitPending();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> phaseOne("0123456789ABCDEF", other));

        String replaced = first.get(15, TimeUnit.SECONDS);
        assertTrue(replaced.contains("status_code=\"409\""), replaced);
        assertEquals(1, server.pending().size());

        CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> phaseOne("FEDCBA9876543210", other));
        await("two clients wait", () -> server.pending().size() == 2);
        assertEquals("FEDCBA9876543210", server.pending().get(0).uniqueId(), "newest first");
        assertTrue(server.submitPin("5555", "Newest").accepted());
        assertTrue(third.get(15, TimeUnit.SECONDS).contains("<plaincert>"));
        assertEquals("0123456789ABCDEF", server.pending().get(0).uniqueId());
        server.submitPin("5555", "Other");
        assertTrue(second.get(15, TimeUnit.SECONDS).contains("<paired>1</paired>"));
    }

    @Test
    void anAddressWithTooManyFailuresIsRefusedForAWhile() throws Exception {
        start(TestHostServices.config(5000, 1));
        CompletableFuture<Void> attempt = pairInBackground("1111");
        awaitPending();
        server.submitPin("2222", "Wrong");
        assertThrows(ExecutionException.class, () -> attempt.get(20, TimeUnit.SECONDS));

        ClientException limited = assertThrows(ClientException.class,
                () -> client.pair(host, "1111", Duration.ofSeconds(5)));
        assertEquals(429, limited.status());
        assertTrue(limited.getMessage().contains("wait a minute"), limited.getMessage());
    }

    @Test
    void phasesOutOfOrderAreRefusedAndEndTheAttempt() throws Exception {
        Identity other = Identity.generate(Identity.Role.CLIENT);
        CompletableFuture<String> phaseOne = CompletableFuture.supplyAsync(() -> phaseOne("AAAAAAAAAAAAAAAA", other));
        awaitPending();
        server.submitPin("1234", "Out of order");
        assertTrue(phaseOne.get(15, TimeUnit.SECONDS).contains("<paired>1</paired>"));

        String skipped = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=AAAAAAAAAAAAAAAA&serverchallengeresp="
                + Hex.encode(new byte[32])));
        assertTrue(skipped.contains("status_code=\"400\""), skipped);
        assertTrue(skipped.contains("out of order"), skipped);
        String after = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=AAAAAAAAAAAAAAAA&clientchallenge="
                + Hex.encode(new byte[16])));
        assertTrue(after.contains("no pairing is in progress"), after);
    }

    @Test
    void aMalformedPhaseValueIsRefusedButTheAttemptGoesOn() throws Exception {
        Identity other = Identity.generate(Identity.Role.CLIENT);
        CompletableFuture<String> phaseOne = CompletableFuture.supplyAsync(() -> phaseOne("BBBBBBBBBBBBBBBB", other));
        awaitPending();
        server.submitPin("1234", "Malformed");
        phaseOne.get(15, TimeUnit.SECONDS);

        String badHex = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=BBBBBBBBBBBBBBBB&clientchallenge=zz"));
        assertTrue(badHex.contains("status_code=\"400\"") && badHex.contains("not hex"), badHex);
        String shortChallenge = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=BBBBBBBBBBBBBBBB&clientchallenge="
                + Hex.encode(new byte[15])));
        assertTrue(shortChallenge.contains("16 bytes"), shortChallenge);
        String rightLength = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=BBBBBBBBBBBBBBBB&clientchallenge="
                + Hex.encode(new byte[16])));
        assertTrue(rightLength.contains("<challengeresponse>"), rightLength);
    }

    @Test
    void pairChallengeMeansNothingOverPlainHttp() throws Exception {
        String answer = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=X&phrase=pairchallenge"));
        assertTrue(answer.contains("status_code=\"400\"") && answer.contains("HTTPS"), answer);
    }

    /** Phase 1 by hand: blocks until the host answers. */
    private String phaseOne(String uniqueId, Identity identity) {
        try {
            return RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=" + uniqueId
                    + "&devicename=roth&updateState=1&phrase=getservercert&salt="
                    + Hex.encode(PairingCrypto.random(16)) + "&clientcert="
                    + Hex.encode(identity.certificatePem().getBytes(StandardCharsets.US_ASCII))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String get(String pathAndQuery) {
        return "GET " + pathAndQuery + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }
}
