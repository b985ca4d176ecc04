/**
 * The client side of GameStream: finding hosts on the local network ({@link dev.twilight.api.client.HostDiscovery}),
 * talking to a Sunshine or Twilight host ({@link dev.twilight.api.client.GameStreamClient}), receiving its streams
 * ({@link dev.twilight.api.client.StreamConnector}) and playing them ({@link dev.twilight.api.client.StreamPlayer}),
 * in a window or into a recording ({@link dev.twilight.api.client.PlaybackOutputs}).
 */
@Export
@Version("1.4.0")
package dev.twilight.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
