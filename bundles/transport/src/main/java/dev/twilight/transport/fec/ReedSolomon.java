package dev.twilight.transport.fec;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A systematic Reed–Solomon erasure code over GF(2^8)/0x11D: {@code D} data shards travel unchanged and
 * {@code N} parity shards are linear combinations of them, parity {@code j} byte {@code k} being
 * Σ<sub>i</sub> coef(j, i)·data<sub>i</sub>[k]. Any {@code D} of the {@code D + N} shards restore the data.
 *
 * <p>Video uses the Cauchy matrix of nanors ({@link #cauchy}); audio a fixed matrix ({@link #withParityMatrix}).
 * Instances are immutable and thread-safe.
 */
public final class ReedSolomon {

    /** Most shards (data plus parity) one code can have: byte-valued Cauchy coordinates must stay distinct. */
    public static final int MAX_TOTAL_SHARDS = 255;

    private static final ConcurrentMap<Integer, ReedSolomon> CAUCHY_CODES = new ConcurrentHashMap<>();

    private final int dataShards;
    private final int parityShards;
    private final int[][] coefficients;

    private ReedSolomon(int[][] coefficients) {
        this.parityShards = coefficients.length;
        this.dataShards = coefficients[0].length;
        this.coefficients = coefficients;
    }

    /**
     * The GameStream video code: parity row {@code j}, column {@code i} is the inverse of
     * {@code (parityShards + i) XOR j}. Codes are cached per shape.
     */
    public static ReedSolomon cauchy(int dataShards, int parityShards) {
        if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException("Reed-Solomon needs 1+ data and 1+ parity shards, at most "
                    + MAX_TOTAL_SHARDS + " in all; got " + dataShards + "+" + parityShards);
        }
        return CAUCHY_CODES.computeIfAbsent(dataShards << 8 | parityShards, key -> {
            int[][] matrix = new int[parityShards][dataShards];
            for (int row = 0; row < parityShards; row++) {
                for (int column = 0; column < dataShards; column++) {
                    matrix[row][column] = GaloisField.inverse((parityShards + column) ^ row);
                }
            }
            return new ReedSolomon(matrix);
        });
    }

    /** A code with the given parity matrix, one row per parity shard and one column per data shard. */
    public static ReedSolomon withParityMatrix(int[][] parityMatrix) {
        int columns = parityMatrix.length == 0 ? 0 : parityMatrix[0].length;
        if (columns == 0 || parityMatrix.length + columns > MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException("parity matrix must be non-empty with at most " + MAX_TOTAL_SHARDS
                    + " rows plus columns");
        }
        int[][] copy = new int[parityMatrix.length][];
        for (int row = 0; row < parityMatrix.length; row++) {
            if (parityMatrix[row].length != columns) {
                throw new IllegalArgumentException("parity matrix rows differ in length");
            }
            copy[row] = parityMatrix[row].clone();
            for (int value : copy[row]) {
                if (value < 1 || value > 255) {
                    throw new IllegalArgumentException("parity coefficient " + value + " is not a non-zero byte");
                }
            }
        }
        return new ReedSolomon(copy);
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    /** The parity matrix entry for parity shard {@code row} and data shard {@code column}. */
    public int parityCoefficient(int row, int column) {
        return coefficients[row][column];
    }

    /**
     * Computes the parity shards from the data shards.
     *
     * @param shards {@code D + N} arrays: data shards first, then the parity shards to overwrite
     * @param offset where the shard bytes start in every array
     * @param length shard length in bytes
     */
    public void encode(byte[][] shards, int offset, int length) {
        checkShards(shards, offset, length);
        GaloisField.multiplyShards(coefficients, Arrays.copyOfRange(shards, 0, dataShards),
                Arrays.copyOfRange(shards, dataShards, shards.length), offset, length);
    }

    /**
     * Restores the missing data shards from the present ones. Parity shards that are missing stay untouched.
     *
     * @param shards  {@code D + N} arrays, each at least {@code offset + length} long; missing data shards are
     *                overwritten with their content
     * @param present which shards hold received bytes
     * @return false when fewer than {@code D} shards are present, so the data cannot be restored
     */
    public boolean reconstruct(byte[][] shards, boolean[] present, int offset, int length) {
        checkShards(shards, offset, length);
        if (present.length != shards.length) {
            throw new IllegalArgumentException("need one presence flag per shard");
        }
        int[] missingData = indexesWhere(present, 0, dataShards, false);
        if (missingData.length == 0) {
            return true;
        }
        int[] presentParity = indexesWhere(present, dataShards, shards.length, true);
        if (presentParity.length < missingData.length) {
            return false;
        }
        int[] presentData = indexesWhere(present, 0, dataShards, true);
        int unknowns = missingData.length;

        // Parity row j, minus the contribution of the present data, is Σ coef(j, m)·data_m over the missing m: a
        // square system in the missing shards whose matrix is the parity matrix restricted to the missing columns.
        int[][] system = new int[unknowns][unknowns];
        for (int equation = 0; equation < unknowns; equation++) {
            for (int unknown = 0; unknown < unknowns; unknown++) {
                system[equation][unknown] = coefficients[presentParity[equation] - dataShards][missingData[unknown]];
            }
        }
        int[][] solution = GaloisField.invert(system);
        if (solution == null) {
            return false;
        }
        // Fold the solution into one matrix over the present shards, so the shard bytes are read in a single pass:
        // data_m = Σ_e solution[m][e]·parity_e + Σ_i (Σ_e solution[m][e]·coef(e, i))·data_i.
        byte[][] inputs = new byte[presentData.length + unknowns][];
        byte[][] outputs = new byte[unknowns][];
        int[][] recovery = new int[unknowns][inputs.length];
        for (int unknown = 0; unknown < unknowns; unknown++) {
            outputs[unknown] = shards[missingData[unknown]];
            for (int equation = 0; equation < unknowns; equation++) {
                int weight = solution[unknown][equation];
                int[] parityRow = coefficients[presentParity[equation] - dataShards];
                for (int i = 0; i < presentData.length; i++) {
                    recovery[unknown][i] ^= GaloisField.multiply(weight, parityRow[presentData[i]]);
                }
                recovery[unknown][presentData.length + equation] = weight;
            }
        }
        for (int i = 0; i < presentData.length; i++) {
            inputs[i] = shards[presentData[i]];
        }
        for (int equation = 0; equation < unknowns; equation++) {
            inputs[presentData.length + equation] = shards[presentParity[equation]];
        }
        GaloisField.multiplyShards(recovery, inputs, outputs, offset, length);
        return true;
    }

    private void checkShards(byte[][] shards, int offset, int length) {
        if (shards.length != dataShards + parityShards) {
            throw new IllegalArgumentException("expected " + (dataShards + parityShards) + " shards, got " + shards.length);
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
    }

    private static int[] indexesWhere(boolean[] flags, int from, int to, boolean value) {
        int[] indexes = new int[to - from];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (flags[i] == value) {
                indexes[count++] = i;
            }
        }
        return Arrays.copyOf(indexes, count);
    }
}
