/**
 * Operator settings. Each is a system property the WildFly CLI script defines from an environment
 * variable, declared once as a typed {@link im.tlim.settings.Setting} in {@link
 * im.tlim.settings.Settings} with its default, unit and meaning; README's settings table is
 * generated from those declarations. A missing or invalid value falls back to its default.
 */
package im.tlim.settings;
