/**
 * Host administration steps that the {@code twilight:*} commands and the admin REST API share: writing one
 * configuration property, switching the session policy, entering a pairing PIN. Not exported: the admin-web
 * bundle copies this package with {@code -conditionalpackage}, as the codec bundles do with media-codec.
 */
package dev.twilight.shell.admin;
