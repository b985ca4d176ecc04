/**
 * Streaming sessions, their lifecycle and the policy that governs what a request may do while they live.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
