package im.tlim.push;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's mobile push registration id. */
@Entity
@Table(name = "tlim_push_registration")
public class PushRegistration {

  @Id
  @Column(name = "user_id", length = 64)
  private String userId;

  @Column(name = "registration_id", nullable = false, length = 256)
  private String registrationId;

  @Column(name = "updated_at", nullable = false)
  private long updatedAt;

  protected PushRegistration() {}

  PushRegistration(String userId, String registrationId, long now) {
    this.userId = userId;
    this.registrationId = registrationId;
    this.updatedAt = now;
  }

  void change(String newRegistrationId, long now) {
    registrationId = newRegistrationId;
    updatedAt = now;
  }

  public String getUserId() {
    return userId;
  }

  public String getRegistrationId() {
    return registrationId;
  }
}
