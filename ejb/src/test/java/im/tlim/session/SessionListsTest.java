package im.tlim.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.settings.Settings;
import im.tlim.user.User;
import im.tlim.user.UserService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * findSessions and findWebSessions cost a fixed number of queries whatever the number of sessions,
 * and are bounded: counted on an EntityManager that records every query it is asked.
 */
class SessionListsTest {

  /** What the fake EntityManager was asked. */
  private static final class Recorder {
    final List<String> queries = new ArrayList<>();
    final List<Integer> maxResults = new ArrayList<>();
    int finds;
  }

  @Test
  void findWebSessionsIsTwoQueriesWhateverTheNumberOfPairs() throws Exception {
    List<ChatSession> sessions = new ArrayList<>();
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sessions.add(ChatSession.pair("me", "peer" + i, i));
      users.add(user("peer" + i, "Peer " + i));
    }
    sessions.add(ChatSession.group("g1", SessionType.GROUP, "Group", "me", 1));
    Recorder recorder = new Recorder();
    SessionService service = service(recorder, sessions, users);

    List<SessionService.Listed> listed = service.allOf("me", 0);

    assertEquals(201, listed.size());
    assertEquals("Peer 7", listed.get(7).peerName());
    assertEquals("peer7", listed.get(7).peer());
    assertEquals(null, listed.get(200).peer());
    assertEquals(2, recorder.queries.size(), recorder.queries.toString());
    assertEquals(0, recorder.finds, "no look-up per row");
    assertTrue(
        recorder.queries.get(0).contains("m.leftAt is null"),
        "groups the user left are not theirs");
    assertEquals(1000, recorder.maxResults.get(0), "bounded by tlim.lists.max-entries");
  }

  @Test
  void findSessionsIsOneBoundedQuery() throws Exception {
    List<ChatSession> sessions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sessions.add(ChatSession.group("g" + i, SessionType.GROUP, "Group " + i, "me", i));
    }
    Recorder recorder = new Recorder();
    String before = System.getProperty("tlim.lists.max-entries");
    System.setProperty("tlim.lists.max-entries", "50");
    try {
      assertEquals(100, service(recorder, sessions, List.of()).groupsOf("me").size());
    } finally {
      if (before == null) {
        System.clearProperty("tlim.lists.max-entries");
      } else {
        System.setProperty("tlim.lists.max-entries", before);
      }
    }
    assertEquals(1, recorder.queries.size());
    assertEquals(0, recorder.finds);
    assertEquals(50, recorder.maxResults.get(0), "the configured bound reaches the query");
  }

  private static SessionService service(
      Recorder recorder, List<ChatSession> sessions, List<User> users) throws Exception {
    EntityManager em = entityManager(recorder, sessions, users);
    UserService userService = new UserService();
    set(userService, "em", em);
    SessionService service = new SessionService();
    set(service, "em", em);
    set(service, "users", userService);
    set(service, "settings", new Settings());
    return service;
  }

  private static EntityManager entityManager(
      Recorder recorder, List<ChatSession> sessions, List<User> users) {
    return fake(
        EntityManager.class,
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "createQuery" -> {
              String jpql = (String) args[0];
              recorder.queries.add(jpql);
              return query(recorder, jpql.contains("from User") ? users : sessions);
            }
            case "find" -> {
              recorder.finds++;
              return null;
            }
            default -> throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  private static TypedQuery<?> query(Recorder recorder, List<?> rows) {
    return fake(
        TypedQuery.class,
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "setParameter" -> {
              return proxy;
            }
            case "setMaxResults" -> {
              recorder.maxResults.add((Integer) args[0]);
              return proxy;
            }
            case "getResultList" -> {
              return rows;
            }
            default -> throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  /** An implementation of the interface whose every call the handler answers. */
  private static <T> T fake(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            SessionListsTest.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static User user(String id, String name) throws Exception {
    var constructor = User.class.getDeclaredConstructor();
    constructor.setAccessible(true);
    User user = constructor.newInstance();
    set(user, "userId", id);
    set(user, "userName", name);
    return user;
  }

  private static void set(Object target, String field, Object value) throws Exception {
    Field f = target.getClass().getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }
}
