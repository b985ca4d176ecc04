/**
 * The GameStream audio stream: RTP packetization with 4+2 FEC on the send side, in-order delivery with
 * recovery and loss reporting on the receive side.
 */
package dev.twilight.transport.audio;
