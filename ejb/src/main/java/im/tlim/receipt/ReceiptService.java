package im.tlim.receipt;

import im.tlim.delivery.DeliveryQueue;
import im.tlim.delivery.Dispatch;
import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.MsgType;
import im.tlim.envelope.ServerEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.Accepted;
import im.tlim.message.ChatMessage;
import im.tlim.message.MessageStore;
import im.tlim.message.Sender;
import im.tlim.offline.InboxEntry;
import im.tlim.presence.DeviceClass;
import im.tlim.session.Member;
import im.tlim.session.SessionRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Records delivered and read receipts and forwards them to the original sender, stored as a notice
 * so an offline sender gets them later, and to the reader's other devices.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ReceiptService {

  @PersistenceContext private EntityManager em;
  @EJB private MessageStore store;
  @EJB private SessionRepository sessions;
  @Inject private DeliveryQueue deliveries;

  public Accepted receive(Sender sender, Envelope receipt) {
    // a receipt is stored (as a notice) once: a resend is answered again, not forwarded again
    ChatMessage resent = store.findByMsgId(receipt.msgId());
    if (resent != null) {
      if (!resent.getMsgFrom().equals(sender.userId())) {
        throw new TlimException(ErrorCode.FIELD_INVALID, "msg_id is another message's");
      }
      return new Accepted(receipt.msgId(), true);
    }
    ChatMessage message = store.findByMsgId(receipt.bodyText("msg_id"));
    if (message == null) {
      throw new TlimException(
          ErrorCode.MESSAGE_UNKNOWN, "no message " + receipt.bodyText("msg_id"));
    }
    Member member =
        Member.requireCurrentOrFormer(
            sessions.membership(message.getSessionId(), sender.userId()),
            message.getSessionId(),
            sender.userId());
    if (message.isNotice()) {
      // a device acknowledging a receipt or clearing request it got: that ends its offline
      // entry and goes no further (a receipt of a receipt would never end); nothing to read
      if (receipt.msgType() != MsgType.DELIVERED || !message.getMsgTo().equals(sender.userId())) {
        throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no such message to receipt");
      }
      delivered(sender, message);
      return new Accepted(receipt.msgId(), false);
    }
    if (receipt.msgType() == MsgType.GROUP_READ) {
      String sessionId = receipt.bodyText("session_id");
      if (sessionId == null || !sessionId.equals(message.getSessionId())) {
        throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no such message in that session");
      }
    }
    if (receipt.msgType() == MsgType.DELIVERED) {
      delivered(sender, message);
    } else {
      member.markRead(
          message.getSeq(),
          sender.device() == DeviceClass.WEB ? Member.READ_WEB : Member.READ_MOBILE);
    }
    String original = message.getMsgFrom();
    if (!original.equals(sender.userId()) && !original.equals(ServerEnvelopes.SERVER_SENDER)) {
      // waits in the original sender's offline store if they are away; the reader's other
      // devices get it too, so an unread badge clears on each of them
      store.storeNotice(
          receipt.addressedTo(original),
          message.getSessionId(),
          original,
          sender.location(),
          sender.resource());
    } else {
      // the reader's own message, or the server's: only the reader's other devices are told
      deliveries.enqueue(
          Dispatch.to(List.of(), EnvelopeCodec.write(receipt), sender.location())
              .echoingTo(sender.userId(), sender.resource()),
          message.getSessionId());
    }
    return new Accepted(receipt.msgId(), false);
  }

  /**
   * A device acknowledged a copy: a mobile acknowledgement ends the offline entry, a web one is
   * recorded on it. A repeated acknowledgement changes nothing.
   */
  private void delivered(Sender sender, ChatMessage message) {
    InboxEntry entry =
        em.find(InboxEntry.class, new InboxEntry.Key(sender.userId(), message.getId()));
    if (entry == null) {
      return;
    }
    if (sender.device() == DeviceClass.MOBILE) {
      em.remove(entry);
    } else {
      entry.markWebGot();
    }
  }
}
