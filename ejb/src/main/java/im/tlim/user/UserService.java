package im.tlim.user;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/** Looks users up and records first contact. */
@Stateless
public class UserService {

  @PersistenceContext private EntityManager em;
  @jakarta.inject.Inject private Contacts contacts;
  @jakarta.inject.Inject private UserIds ids;
  @jakarta.inject.Inject private im.tlim.settings.Settings settings;

  /**
   * Records a user the XMPP server has authenticated, if the directory does not know them yet. Runs
   * in its own transaction so two first contacts at once cannot fail a caller.
   *
   * @return whether the user may use the service: false for a removed user, who is not restored
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean recordContact(String userId) {
    User known = em.find(User.class, userId);
    if (known != null) {
      return !known.isRemoved() && UserIds.isAddressable(userId);
    }
    try {
      em.persist(User.firstContact(userId, System.currentTimeMillis()));
      em.flush();
    } catch (PersistenceException e) {
      // someone recorded the same user concurrently; theirs stands
      throw new UserAlreadyKnownException(userId);
    }
    return true;
  }

  /**
   * addUser: creates or updates directory entries (the service role fills the directory from the
   * company's user system). A removed user added again is restored.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void upsert(java.util.List<Entry> entries) {
    int max = settings.maxListEntries();
    if (entries.size() > max) {
      throw new TlimException(ErrorCode.LIST_TOO_LONG, "users has more than " + max + " entries");
    }
    for (Entry entry : entries) {
      ids.requireUsable(entry.userId()); // before anything is written: the call changes nothing
    }
    for (Entry entry : entries) {
      User user = em.find(User.class, entry.userId());
      if (user == null) {
        user = User.firstContact(entry.userId(), System.currentTimeMillis());
        em.persist(user);
      }
      user.describe(entry.userName(), entry.acctLogin(), entry.pic());
    }
  }

  /** One directory entry as addUser gives it. */
  public record Entry(String userId, String userName, String acctLogin, String pic) {}

  /** removeUser: the user can no longer be messaged or added; their history stays readable. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void remove(String userId) {
    require(userId).markRemoved();
    contacts.forget(userId);
  }

  /** The directory entry, or a placeholder named by the id for a user never recorded. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public User findIncludingRemoved(String userId) {
    User user = em.find(User.class, userId);
    return user != null ? user : User.firstContact(userId, 0);
  }

  /**
   * The display names of these users, in one query (a user the directory does not hold is left out:
   * the caller shows their id).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public java.util.Map<String, String> namesOf(java.util.Collection<String> userIds) {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    if (userIds.isEmpty()) {
      return names;
    }
    for (User user :
        em.createQuery("select u from User u where u.userId in :ids", User.class)
            .setParameter("ids", userIds)
            .getResultList()) {
      names.put(user.getUserId(), user.getUserName());
    }
    return names;
  }

  /** A page of the ids of all users in the directory, in id order. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public java.util.List<String> userIds(int first, int max) {
    return em.createQuery(
            "select u.userId from User u where u.removed = false order by u.userId", String.class)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }

  /**
   * findUsers: a page of the directory for a people picker, in alphabetical order of the display
   * name (then the id), so a person is found where a reader looks for them; newest-first would only
   * help an administrator. Only current users: not removed ones, never an id the server speaks as,
   * nor an entry whose id cannot be a user any more.
   *
   * @param prefix matched, ignoring case, against the start of the id, the name or the login; null
   *     or empty for everyone
   * @param max the page size, at most {@code tlim.lists.max-entries}
   * @return at most {@code max} users and whether there are more
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Directory directory(String prefix, int max) {
    int size = Math.min(max, settings.maxListEntries());
    String like = likePrefix(prefix);
    jakarta.persistence.TypedQuery<User> query =
        em.createQuery(
            "select u from User u where u.removed = false"
                + (like == null
                    ? ""
                    : " and (lower(u.userId) like :p escape '!' or lower(u.userName) like :p"
                        + " escape '!' or lower(u.acctLogin) like :p escape '!')")
                + " order by lower(u.userName), u.userId",
            User.class);
    if (like != null) {
      query.setParameter("p", like);
    }
    java.util.List<User> page = new java.util.ArrayList<>();
    // reserved and unaddressable ids are rare leftovers (V7 marks them removed): skip them here
    // too, reading on until the page is full or the directory ends
    for (int first = 0; page.size() <= size; first += size + 1) {
      java.util.List<User> batch =
          query.setFirstResult(first).setMaxResults(size + 1).getResultList();
      for (User user : batch) {
        if (!ids.isReserved(user.getUserId()) && UserIds.isAddressable(user.getUserId())) {
          page.add(user);
        }
      }
      if (batch.size() <= size) {
        break;
      }
    }
    boolean more = page.size() > size;
    return new Directory(more ? page.subList(0, size) : page, more);
  }

  /** A page of the directory and whether it goes on. */
  public record Directory(java.util.List<User> users, boolean hasMore) {}

  /** The LIKE pattern for a prefix, lower case, its wildcards escaped with '!'; null for none. */
  static String likePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return null;
    }
    StringBuilder like = new StringBuilder();
    for (char c : prefix.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (c == '!' || c == '%' || c == '_') {
        like.append('!');
      }
      like.append(c);
    }
    return like.append('%').toString();
  }

  /**
   * Whether the directory knows the user (and they were not removed). An entry from before ids were
   * checked whose id cannot be a user any more (a ':' in it) is not known.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean isKnown(String userId) {
    User user = em.find(User.class, userId);
    return user != null && !user.isRemoved() && UserIds.isAddressable(userId);
  }

  /**
   * Whether the directory holds the user as removed, or as an id that cannot be a user any more.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean isRemoved(String userId) {
    User user = em.find(User.class, userId);
    return user != null && (user.isRemoved() || !UserIds.isAddressable(userId));
  }

  /** Which of these users were removed (the live pages' sweep closes their pages). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public java.util.Set<String> removedAmong(java.util.Collection<String> userIds) {
    java.util.Set<String> removed = new java.util.HashSet<>();
    java.util.List<String> ids = java.util.List.copyOf(userIds);
    for (int from = 0; from < ids.size(); from += 500) {
      removed.addAll(
          em.createQuery(
                  "select u.userId from User u where u.removed = true and u.userId in :ids",
                  String.class)
              .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
              .getResultList());
    }
    return removed;
  }

  /**
   * The user; error-029 for a reserved id, error-013 when the directory does not know them (or they
   * were removed).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public User require(String userId) {
    if (ids.isReserved(userId)) {
      throw new TlimException(ErrorCode.ID_RESERVED, userId + " is the server's own id");
    }
    User user = em.find(User.class, userId);
    if (user == null || user.isRemoved() || !UserIds.isAddressable(userId)) {
      throw new TlimException(ErrorCode.USER_UNKNOWN, "unknown user " + userId);
    }
    return user;
  }
}
