package im.tlim.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The original's HTTP API, at the same paths: {@code /plugins/tlim/<operation>}. */
@ApplicationPath("/plugins/tlim")
public class PluginApplication extends Application {}
