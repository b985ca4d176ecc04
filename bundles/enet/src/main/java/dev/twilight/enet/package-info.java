/**
 * ENet 1.3 over Netty UDP, as Moonlight's ENet fork (the {@code enet} submodule of moonlight-common-c) puts it on
 * the wire: the transport of the GameStream control stream.
 *
 * <p>{@link dev.twilight.enet.EnetHost} binds a socket as a server (accepting peers) or a client (connecting to
 * one); {@link dev.twilight.enet.EnetPeer} sends on numbered channels with a
 * {@link dev.twilight.enet.Delivery} and disconnects; {@link dev.twilight.enet.EnetListener} hears of
 * connections, messages and disconnections on the host's event loop; {@link dev.twilight.enet.EnetConfig} sets
 * timeouts and the ping interval. Everything else is package-private protocol machinery, confined to the event
 * loop.
 */
package dev.twilight.enet;
