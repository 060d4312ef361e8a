/**
 * Operator settings. Each is a system property the WildFly CLI scripts define from an environment
 * variable (see README's configuration table); a missing one falls back to its default here.
 */
package im.tlim.settings;
