package im.tlim.presence;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Single-use tickets that open the live WebSocket in place of a bearer token, for browsers (which
 * cannot set headers on a WebSocket handshake). A ticket is random, lives 30 s (never longer than
 * the token it was issued for) and is redeemed once: the row is deleted by the redeeming
 * transaction, so of two handshakes with the same ticket, on any nodes, one wins.
 */
@Stateless
public class LiveTickets {

  /** How long a ticket may wait for its handshake. */
  public static final long LIFETIME_MILLIS = 30_000;

  private static final int LONGEST = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext private EntityManager em;

  /** Who a redeemed ticket was for, and when the token it was issued for expires. */
  public record Redeemed(String userId, long tokenExpiresAtMillis) {}

  /** A new ticket for the user, whose token expires at {@code tokenExpiresAtMillis}. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public String issue(String userId, long tokenExpiresAtMillis) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    long now = System.currentTimeMillis();
    em.createNativeQuery(
            "insert into tlim_live_ticket (ticket_hash, user_id, expires_at, token_expires_at)"
                + " values (?1, ?2, ?3, ?4)")
        .setParameter(1, hash(ticket))
        .setParameter(2, userId)
        .setParameter(3, Math.min(now + LIFETIME_MILLIS, tokenExpiresAtMillis))
        .setParameter(4, tokenExpiresAtMillis)
        .executeUpdate();
    return ticket;
  }

  /** The ticket's user, once; null for a ticket unknown, expired or redeemed already. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Redeemed redeem(String ticket) {
    if (ticket == null || ticket.isEmpty() || ticket.length() > LONGEST) {
      return null;
    }
    String hash = hash(ticket);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select user_id, token_expires_at from tlim_live_ticket"
                    + " where ticket_hash = ?1 and expires_at > ?2")
            .setParameter(1, hash)
            .setParameter(2, System.currentTimeMillis())
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    // the delete decides: a concurrent redeemer waits for our commit and deletes nothing
    int deleted =
        em.createNativeQuery("delete from tlim_live_ticket where ticket_hash = ?1")
            .setParameter(1, hash)
            .executeUpdate();
    if (deleted != 1) {
      return null;
    }
    return new Redeemed((String) rows.get(0)[0], ((Number) rows.get(0)[1]).longValue());
  }

  /** Forgets the tickets that expired unused. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public int purgeExpired(long nowMillis) {
    return em.createNativeQuery("delete from tlim_live_ticket where expires_at <= ?1")
        .setParameter(1, nowMillis)
        .executeUpdate();
  }

  private static String hash(String ticket) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
