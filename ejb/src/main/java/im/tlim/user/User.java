package im.tlim.user;

import im.tlim.envelope.Envelope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A directory entry. A user first seen over XMPP is named by their id until addUser names them. */
@Entity
@Table(name = "tlim_user")
public class User {

  @Id
  @Column(name = "user_id", length = Envelope.MAX_ID_LENGTH)
  private String userId;

  @Column(name = "user_name", nullable = false, length = 128)
  private String userName;

  @Column(name = "acct_login", length = 64)
  private String acctLogin;

  @Column(length = 512)
  private String pic;

  @Column(nullable = false)
  private boolean removed;

  @Column(name = "created_at", nullable = false, updatable = false)
  private long createdAt;

  protected User() {}

  static User firstContact(String userId, long now) {
    User user = new User();
    user.userId = userId;
    user.userName = userId;
    user.createdAt = now;
    return user;
  }

  void describe(String name, String login, String picture) {
    if (name != null && !name.isBlank()) {
      userName = name;
    }
    acctLogin = login;
    pic = picture;
    removed = false;
  }

  void markRemoved() {
    removed = true;
  }

  public String getUserId() {
    return userId;
  }

  public String getUserName() {
    return userName;
  }

  public String getAcctLogin() {
    return acctLogin;
  }

  public String getPic() {
    return pic;
  }

  public boolean isRemoved() {
    return removed;
  }
}
