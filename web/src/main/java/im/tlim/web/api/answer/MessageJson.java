package im.tlim.web.api.answer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.message.ChatMessage;

/** A stored message in the HTTP API's field names and types (the original's §五 25, 48, 51). */
public final class MessageJson {

  private MessageJson() {}

  public static ObjectNode of(ChatMessage m) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("body", m.getBody()); // the body array as JSON text, as the original answered
    item.put("id_", m.getId());
    item.put("msg_from", m.getMsgFrom());
    item.put("msg_id", m.getMsgId());
    item.put("msg_time", Long.toString(m.getMsgTime()));
    item.put("msg_to", m.getMsgTo());
    item.put("msg_type", m.getMsgType());
    item.put("recalled", m.isRecalled()); // body is then "[]"; clients show "message recalled"
    return item;
  }
}
