package im.tlim.push;

import im.tlim.settings.Settings;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs each queued push notice to the configured push gateway (the company's relay to APNs, FCM or
 * a vendor). A failure or a non-2xx answer rolls back, so Artemis retries with backoff. A notice
 * whose message was recalled since it was queued is dropped (notices carry no text).
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/tlim/push"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
    })
// Not part of a JTA transaction: the message is acknowledged when onMessage returns and
// redelivered when it throws, without a two-phase commit per copy (its sends cannot be undone).
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class PushConsumer implements MessageListener {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Inject private Settings settings;
  @Inject private im.tlim.observability.ServiceMetrics metrics;
  @jakarta.ejb.EJB private im.tlim.delivery.SessionLog log;

  @Override
  public void onMessage(Message message) {
    PushNotice notice;
    try {
      notice = PushNotice.fromJson(((TextMessage) message).getText());
    } catch (JMSException | ClassCastException e) {
      throw new EJBException("unreadable push message", e);
    }
    URI url = settings.pushUrl();
    if (url == null) {
      return; // push was switched off since the notice was queued
    }
    if (!log.recalledAmong(java.util.Set.of(notice.msgId())).isEmpty()) {
      return; // recalled since it was queued: the phone is not woken for it
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(notice.toJson()))
            .build();
    try {
      HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new EJBException("push gateway answered " + response.statusCode() + "; will retry");
      }
      metrics.pushSent();
    } catch (IOException e) {
      throw new EJBException("push gateway unreachable; will retry", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EJBException("interrupted; will retry", e);
    }
  }
}
