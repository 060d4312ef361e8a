package im.tlim.recall;

import com.fasterxml.jackson.databind.node.ArrayNode;
import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.MsgType;
import im.tlim.envelope.SystemEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.Accepted;
import im.tlim.message.ChatMessage;
import im.tlim.message.Copies;
import im.tlim.message.MessageStore;
import im.tlim.message.Sender;
import im.tlim.session.ChatSession;
import im.tlim.session.Member;
import im.tlim.session.SessionRepository;
import im.tlim.settings.Settings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Recalls messages. A 1:1 recall is stored and forwarded as the client sent it (MTT-101); a group
 * recall is announced by the server with an MTS-101 system message to every current member (the
 * recaller's other devices included), like the group's other system messages.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class RecallService {

  @EJB private MessageStore store;
  @EJB private SessionRepository sessions;
  @Inject private Settings settings;

  public Accepted recall(Sender sender, Envelope recall) {
    if (store.isStored(recall.msgId())) {
      return new Accepted(recall.msgId(), true);
    }
    String targetId = recall.bodyText("msg_id");
    ChatMessage target = store.findByMsgId(targetId);
    if (target == null || target.isNotice()) {
      throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no message " + targetId);
    }
    if (recall.msgType() == MsgType.GROUP_RECALL
        && !target.getSessionId().equals(recall.bodyText("session_id"))) {
      throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no such message in that session");
    }
    if (!target.getMsgFrom().equals(sender.userId())) {
      throw new TlimException(ErrorCode.RECALL_NOT_SENDER, "only the sender may recall");
    }
    if (target.isRecalled()) {
      // a resend of a group recall (its notice has the server's msg_id): announced once
      return new Accepted(recall.msgId(), true);
    }
    long age = System.currentTimeMillis() - target.getStoredAt();
    if (age > settings.recallWindow().toMillis()) {
      throw new TlimException(ErrorCode.RECALL_TOO_LATE, "sent " + age + " ms ago");
    }
    ChatSession session = sessions.lock(target.getSessionId()).requireOpen();
    Member.requireCurrent(
        sessions.membership(session.getSessionId(), sender.userId()),
        session.getSessionId(),
        sender.userId());
    target.recall();
    List<String> members = sessions.activeMemberIds(session.getSessionId());
    // the notice is stored too, so members who are offline now learn of it from the offline store
    if (session.isPair()) {
      List<String> others = members.stream().filter(u -> !u.equals(sender.userId())).toList();
      store.store(recall, session, Copies.asSent(sender, others));
    } else {
      ArrayNode body = EnvelopeCodec.array();
      body.addObject()
          .put("session_id", session.getSessionId())
          .put("msg_id", targetId)
          .put("user_id", sender.userId());
      Envelope notice = SystemEnvelopes.of(MsgType.GROUP_RECALL, session.getSessionId(), body);
      store.store(notice, session, Copies.fromServerToEachMember(members));
    }
    return new Accepted(recall.msgId(), false);
  }
}
