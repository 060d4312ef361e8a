package im.tlim.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import im.tlim.envelope.MsgType;
import im.tlim.envelope.ServerEnvelopes;
import im.tlim.envelope.SystemEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.Copies;
import im.tlim.message.MessageStore;
import im.tlim.session.ChatSession;
import im.tlim.session.SessionRepository;
import im.tlim.user.Contacts;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/** Queues approval notices and turns each into a stored MTB-000 for its recipient. */
@Stateless
public class ApprovalService {

  @EJB private MessageStore store;
  @EJB private SessionRepository sessions;
  @Inject private Contacts contacts;
  @Inject private JMSContext jms;

  @Resource(lookup = "java:/jms/queue/tlim/approval")
  private Queue queue;

  /** Validates a notice and puts it on the approval queue (HTTP approval / approvalBack). */
  public void submit(String msgTo, ArrayNode params) {
    if (msgTo == null || msgTo.isBlank()) {
      throw new TlimException(ErrorCode.USER_ID_EMPTY, "msg_to is missing");
    }
    if (params == null || params.isEmpty()) {
      throw new TlimException(ErrorCode.BODY_INVALID, "params is empty");
    }
    for (JsonNode p : params) {
      if (!p.isObject()) {
        throw new TlimException(ErrorCode.BODY_INVALID, "params must hold objects");
      }
    }
    contacts.requireKnown(msgTo);
    jms.createProducer()
        .setDeliveryMode(DeliveryMode.PERSISTENT)
        .send(queue, new ApprovalNotice(msgTo, params).toJson());
  }

  /**
   * Stores the notice as an MTB-000 from {@code system} in the recipient's approvals conversation
   * and queues its delivery; called by the approval queue's consumer.
   */
  public void deliver(ApprovalNotice notice) {
    contacts.requireKnown(notice.msgTo());
    ChatSession conversation =
        sessions.lockPair(ServerEnvelopes.SERVER_SENDER, notice.msgTo(), false).session();
    store.store(
        SystemEnvelopes.of(MsgType.APPROVAL, notice.msgTo(), notice.params()),
        conversation,
        Copies.fromServerTo(notice.msgTo()));
  }
}
