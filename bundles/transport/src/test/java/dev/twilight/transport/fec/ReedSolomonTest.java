package dev.twilight.transport.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReedSolomonTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String[] SHEET_DATA = {"01020304", "11121314", "21222324", "31323334"};

    @Test
    void everyNonZeroElementTimesItsInverseIsOne() {
        for (int a = 1; a < 256; a++) {
            assertEquals(1, GaloisField.multiply(a, GaloisField.inverse(a)), "a=" + a);
        }
    }

    @Test
    void tableMultiplicationAgreesWithShiftAndAddMultiplication() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertEquals(slowMultiply(a, b), GaloisField.multiply(a, b));
            }
        }
    }

    @Test
    void cauchyMatrixForFourPlusTwoHasTheSheetsRows() {
        ReedSolomon code = ReedSolomon.cauchy(4, 2);
        assertEquals("8ef447a7", row(code, 0));
        assertEquals("f48ea747", row(code, 1));
    }

    @Test
    void fourPlusTwoParityMatchesTheSheet() {
        byte[][] shards = shardsWithData(SHEET_DATA, 4, 2);
        ReedSolomon.cauchy(4, 2).encode(shards, 0, 4);
        assertEquals("9221bb5a", HEX.formatHex(shards[4]));
        assertEquals("c774ee0f", HEX.formatHex(shards[5]));
    }

    @Test
    void threePlusTwoParityMatchesTheSheet() {
        byte[][] shards = shardsWithData(SHEET_DATA, 3, 2);
        ReedSolomon.cauchy(3, 2).encode(shards, 0, 4);
        assertEquals("ce89b407", HEX.formatHex(shards[3]));
        assertEquals("8cf62b02", HEX.formatHex(shards[4]));
    }

    @Test
    void fixedAudioMatrixParityMatchesTheSheet() {
        ReedSolomon code = ReedSolomon.withParityMatrix(new int[][] {{0x77, 0x40, 0x38, 0x0e}, {0xc7, 0xa7, 0x0d, 0x6c}});
        byte[][] shards = shardsWithData(SHEET_DATA, 4, 2);
        code.encode(shards, 0, 4);
        assertEquals("1b18191e", HEX.formatHex(shards[4]));
        assertEquals("91929394", HEX.formatHex(shards[5]));
        assertEveryLossPatternRecovers(code, 97, new Random(1));
    }

    @ParameterizedTest
    @CsvSource({"1,1", "1,2", "2,2", "3,2", "4,2", "5,3", "10,2", "10,4", "12,5"})
    void smallCodesRecoverFromEveryLossPatternUpToTheParityCount(int data, int parity) {
        assertEveryLossPatternRecovers(ReedSolomon.cauchy(data, parity), 37, new Random(data * 31L + parity));
    }

    @ParameterizedTest
    @CsvSource({"212,43", "200,55", "106,22", "30,6", "60,12", "127,128"})
    void largeCodesRecoverFromRandomLossPatternsUpToTheParityCount(int data, int parity) {
        ReedSolomon code = ReedSolomon.cauchy(data, parity);
        Random random = new Random(data * 7L + parity);
        int length = 1413;
        byte[][] original = randomShards(data, parity, length, random, code);
        for (int trial = 0; trial < 12; trial++) {
            int lost = trial == 0 ? parity : 1 + random.nextInt(parity);
            boolean[] present = new boolean[data + parity];
            java.util.Arrays.fill(present, true);
            for (int dropped = 0; dropped < lost; ) {
                int index = trial == 1 ? dropped : random.nextInt(data + parity);
                if (present[index]) {
                    present[index] = false;
                    dropped++;
                }
            }
            assertRecovers(code, original, present, length);
        }
    }

    @Test
    void reconstructHonoursOffsetsAndLeavesBytesOutsideTheRangeAlone() {
        ReedSolomon code = ReedSolomon.cauchy(3, 2);
        Random random = new Random(5);
        byte[][] shards = new byte[5][20];
        for (int i = 0; i < 3; i++) {
            random.nextBytes(shards[i]);
        }
        code.encode(shards, 6, 10);
        byte[] lost = shards[1].clone();
        shards[1] = new byte[20];
        boolean[] present = {true, false, true, true, true};
        assertTrue(code.reconstruct(shards, present, 6, 10));
        assertArrayEquals(java.util.Arrays.copyOfRange(lost, 6, 16), java.util.Arrays.copyOfRange(shards[1], 6, 16));
        assertEquals(0, shards[1][5]);
        assertEquals(0, shards[1][16]);
    }

    @Test
    void reconstructReportsFailureWhenMoreShardsAreMissingThanParity() {
        ReedSolomon code = ReedSolomon.cauchy(4, 2);
        byte[][] shards = randomShards(4, 2, 8, new Random(9), code);
        boolean[] present = {false, false, true, true, true, false};
        assertFalse(code.reconstruct(shards, present, 0, 8));
    }

    @Test
    void cauchyCodesAreCachedAndShapesAreValidated() {
        assertSame(ReedSolomon.cauchy(10, 2), ReedSolomon.cauchy(10, 2));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.cauchy(212, 44));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.cauchy(0, 2));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.withParityMatrix(new int[][] {{1, 0}}));
    }

    private static void assertEveryLossPatternRecovers(ReedSolomon code, int length, Random random) {
        int data = code.dataShards();
        int total = data + code.parityShards();
        byte[][] original = randomShards(data, code.parityShards(), length, random, code);
        for (int lostMask = 1; lostMask < 1 << total; lostMask++) {
            if (Integer.bitCount(lostMask) <= code.parityShards()) {
                boolean[] present = new boolean[total];
                for (int i = 0; i < total; i++) {
                    present[i] = (lostMask & 1 << i) == 0;
                }
                assertRecovers(code, original, present, length);
            }
        }
    }

    private static void assertRecovers(ReedSolomon code, byte[][] original, boolean[] present, int length) {
        byte[][] received = new byte[original.length][];
        for (int i = 0; i < original.length; i++) {
            received[i] = present[i] ? original[i].clone() : new byte[length];
        }
        assertTrue(code.reconstruct(received, present, 0, length));
        for (int i = 0; i < code.dataShards(); i++) {
            assertArrayEquals(original[i], received[i], "data shard " + i);
        }
    }

    private static byte[][] randomShards(int data, int parity, int length, Random random, ReedSolomon code) {
        byte[][] shards = new byte[data + parity][length];
        for (int i = 0; i < data; i++) {
            random.nextBytes(shards[i]);
        }
        code.encode(shards, 0, length);
        return shards;
    }

    private static byte[][] shardsWithData(String[] hex, int data, int parity) {
        byte[][] shards = new byte[data + parity][4];
        for (int i = 0; i < data; i++) {
            shards[i] = HEX.parseHex(hex[i]);
        }
        return shards;
    }

    private static String row(ReedSolomon code, int row) {
        StringBuilder text = new StringBuilder();
        for (int column = 0; column < code.dataShards(); column++) {
            text.append(HEX.toHexDigits((byte) code.parityCoefficient(row, column)));
        }
        return text.toString();
    }

    private static int slowMultiply(int a, int b) {
        int product = 0;
        for (int bit = 0; bit < 8; bit++) {
            if ((b & 1 << bit) != 0) {
                product ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= GaloisField.PRIMITIVE_POLYNOMIAL;
            }
        }
        return product;
    }
}
