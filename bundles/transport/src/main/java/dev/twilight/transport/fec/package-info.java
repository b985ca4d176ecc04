/**
 * Reed–Solomon erasure coding over GF(2^8) with the shard layouts GameStream uses for video and audio FEC.
 */
package dev.twilight.transport.fec;
