package dev.twilight.transport.audio;

import dev.twilight.transport.fec.ReedSolomon;

/**
 * Layout of the audio datagrams (fact sheet §3.2 and §3.4): a 12-byte RTP header (big-endian fields) and the
 * Opus payload; after every fourth data packet two FEC packets whose RTP header is followed by a 12-byte FEC
 * header and the parity of the block's four payloads.
 */
final class AudioWire {

    static final int RTP_HEADER_BYTES = 12;
    static final int FEC_HEADER_BYTES = 12;
    static final int RTP_VERSION_2 = 0x80;
    static final int RTP_VERSION_MASK = 0xC0;
    static final int PAYLOAD_TYPE_MASK = 0x7F;
    static final int PAYLOAD_TYPE_AUDIO = 97;
    static final int PAYLOAD_TYPE_FEC = 127;

    static final int SEQUENCE_NUMBER = 2;
    static final int TIMESTAMP = 4;
    static final int FEC_SHARD_INDEX = RTP_HEADER_BYTES;
    static final int FEC_PROTECTED_PAYLOAD_TYPE = RTP_HEADER_BYTES + 1;
    static final int FEC_BASE_SEQUENCE_NUMBER = RTP_HEADER_BYTES + 2;
    static final int FEC_BASE_TIMESTAMP = RTP_HEADER_BYTES + 4;

    static final int DATA_SHARDS = 4;
    static final int PARITY_SHARDS = 2;

    /** Not the nanors Cauchy matrix: the one NVIDIA's audio FEC uses (taken from OpenFEC). */
    static final ReedSolomon FEC = ReedSolomon.withParityMatrix(new int[][] {
            {0x77, 0x40, 0x38, 0x0e},
            {0xc7, 0xa7, 0x0d, 0x6c},
    });

    private AudioWire() {
    }
}
