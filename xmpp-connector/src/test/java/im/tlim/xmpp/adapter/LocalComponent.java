package im.tlim.xmpp.adapter;

import java.time.Duration;

/** The valid settings of a component on the loopback that the adapter's unit tests share. */
final class LocalComponent {

  static final ComponentSettings SETTINGS =
      new ComponentSettings(
          "127.0.0.1",
          5347,
          "example.com",
          "tlim",
          "secret",
          Duration.ofSeconds(1),
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30));

  private LocalComponent() {}
}
