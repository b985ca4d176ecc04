/**
 * The GameStream video stream: host-side packetization with multi-block FEC, client-side reassembly with
 * recovery and loss reporting, and send pacing.
 */
package dev.twilight.transport.video;
