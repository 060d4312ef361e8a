/**
 * What every HTTP operation is built on: the JAX-RS application at {@code /plugins/tlim} ({@link
 * im.tlim.web.api.PluginApplication}) and the base class of its resources ({@link
 * im.tlim.web.api.PluginResource}), which reads a call's parameters and holds the authorisation
 * rules every operation applies (who the caller is, that a user parameter names the caller, that
 * the caller belongs to the session). The sub-packages hold the rest by role: {@code param} (the
 * parameters), {@code answer} (the JSON answers), {@code filter} (CORS and the body limit), {@code
 * error} (failures as answers).
 */
package im.tlim.web.api;
