package im.tlim.delivery;

import im.tlim.presence.LiveConnections;
import im.tlim.presence.PresenceRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The devices online as delivery saw them once, for one JMS message: each user's XMPP resources,
 * whether they have a page open on this node, and whether the presence registry was current (so
 * that a user it does not list can be taken for offline). Each user is looked up once, so a
 * presence arriving meanwhile cannot send one device a later copy before an earlier one.
 *
 * @param resources each user's online XMPP resources (a user absent from the map has none)
 * @param withPage the users with a page open on this node
 * @param current whether the registry was current
 */
public record DeviceSnapshot(
    Map<String, Set<String>> resources, Set<String> withPage, boolean current) {

  public DeviceSnapshot {
    resources = Map.copyOf(resources);
    withPage = Set.copyOf(withPage);
  }

  /** The user's online XMPP resources. */
  public Set<String> resourcesOf(String user) {
    return resources.getOrDefault(user, Set.of());
  }

  public boolean hasPage(String user) {
    return withPage.contains(user);
  }

  /**
   * Looks the users up. Whether the registry is current is read after their resources, never
   * before: a currency read first could belong to a stream that dropped before the resources were
   * read, and take a user who is merely not heard from again yet for offline.
   */
  public static DeviceSnapshot read(
      Collection<String> users, PresenceRegistry presence, LiveConnections pages) {
    Map<String, Set<String>> resources = new HashMap<>();
    Set<String> withPage = new HashSet<>();
    for (String user : users) {
      if (resources.containsKey(user)) {
        continue;
      }
      resources.put(user, presence.resources(user).keySet());
      if (pages.isConnected(user)) {
        withPage.add(user);
      }
    }
    return new DeviceSnapshot(resources, withPage, presence.isCurrent());
  }
}
