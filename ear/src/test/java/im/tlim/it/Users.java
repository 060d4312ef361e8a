package im.tlim.it;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * User lists as the API takes them (addUser's users, addSession's and modifySession's subscribers).
 */
final class Users {

  private Users() {}

  /** {@code [{"user_id":"a"},{"user_id":"b"}]} for these user ids. */
  static String list(Collection<String> ids) {
    return ids.stream()
        .map(id -> "{\"user_id\":\"" + id + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  static String list(String... ids) {
    return list(List.of(ids));
  }

  /** modifySession's subscribers for one change: {@code [{"user_id":"a","type":"del"}]}. */
  static String change(String id, String type) {
    return "[{\"user_id\":\"" + id + "\",\"type\":\"" + type + "\"}]";
  }
}
