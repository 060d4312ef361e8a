package im.tlim.xmpp.inbound;

import im.tlim.xmpp.api.XmppMessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.beans.IntrospectionException;
import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How one message-driven bean wants stanzas: which stanza kinds and message types, and whether one
 * sender's stanzas are handed over strictly one after the other.
 */
@Activation(messageListeners = XmppMessageListener.class)
public class XmppActivationSpec implements ActivationSpec {

  static final Set<String> STANZA_KINDS = Set.of("message", "presence");
  static final Set<String> MESSAGE_TYPES =
      Set.of("chat", "normal", "groupchat", "headline", "error");

  @ConfigProperty(
      defaultValue = "message,presence",
      description = "Comma-separated stanza kinds to deliver: message, presence")
  private String stanzaKinds = "message,presence";

  @ConfigProperty(
      defaultValue = "chat,normal",
      description =
          "Comma-separated message types to deliver: chat, normal, groupchat, headline, error")
  private String messageTypes = "chat,normal";

  @ConfigProperty(
      defaultValue = "true",
      description = "Deliver one sender's stanzas one at a time, in the order they arrived")
  private Boolean orderedPerSender = Boolean.TRUE;

  static final int MAX_BATCH_LIMIT = 1000;

  @ConfigProperty(
      defaultValue = "1",
      description =
          "With orderedPerSender: at most this many of one sender's queued messages go to"
              + " onMessages in one delivery (1: every message alone to onMessage)")
  private Integer maxBatch = 1;

  static final int MAX_LINGER_MILLIS = 1000;

  @ConfigProperty(
      defaultValue = "0",
      description =
          "With maxBatch > 1: a message that finds its queue idle while the service is busy"
              + " (another queue delivering, or the stanza before it less than this long ago)"
              + " waits up to this many milliseconds for more to join its batch (a group commit;"
              + " 0: it starts at once). An idle service never waits.")
  private Integer batchLingerMillis = 0;

  static final int MAX_LANES = 1024;

  @ConfigProperty(
      defaultValue = "0",
      description =
          "With orderedPerSender: 0 gives each sender a queue of its own; N > 0 spreads the"
              + " senders over N queues (lanes), so a batch may carry several senders' messages"
              + " (each sender's still in order) and at most N deliveries run at once")
  private Integer lanes = 0;

  static final int MAX_QUEUED_LIMIT = 1_000_000;

  @ConfigProperty(
      defaultValue = "200",
      description =
          "With orderedPerSender: at most this many of one sender's messages wait in the"
              + " adapter; a message past it is not queued but handed to onRefused")
  private Integer maxQueuedPerSender = 200;

  @ConfigProperty(
      defaultValue = "20000",
      description =
          "With orderedPerSender: at most this many messages of all senders wait in the adapter;"
              + " a message past it is not queued but handed to onRefused")
  private Integer maxQueued = 20000;

  private ResourceAdapter resourceAdapter;

  @Override
  public void validate() throws InvalidPropertyException {
    List<String> problems = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    Set<String> kinds = split(stanzaKinds);
    if (kinds.isEmpty() || !STANZA_KINDS.containsAll(kinds)) {
      problems.add("stanzaKinds '" + stanzaKinds + "' must name some of " + STANZA_KINDS);
      invalid.add("stanzaKinds");
    }
    Set<String> types = split(messageTypes);
    if (kinds.contains("message") && (types.isEmpty() || !MESSAGE_TYPES.containsAll(types))) {
      problems.add("messageTypes '" + messageTypes + "' must name some of " + MESSAGE_TYPES);
      invalid.add("messageTypes");
    }
    if (orderedPerSender == null) {
      problems.add("orderedPerSender must be true or false");
      invalid.add("orderedPerSender");
    }
    if (maxBatch == null || maxBatch < 1 || maxBatch > MAX_BATCH_LIMIT) {
      problems.add("maxBatch '" + maxBatch + "' must be between 1 and " + MAX_BATCH_LIMIT);
      invalid.add("maxBatch");
    }
    if (batchLingerMillis == null
        || batchLingerMillis < 0
        || batchLingerMillis > MAX_LINGER_MILLIS) {
      problems.add(
          "batchLingerMillis '"
              + batchLingerMillis
              + "' must be between 0 and "
              + MAX_LINGER_MILLIS);
      invalid.add("batchLingerMillis");
    }
    if (lanes == null || lanes < 0 || lanes > MAX_LANES) {
      problems.add("lanes '" + lanes + "' must be between 0 and " + MAX_LANES);
      invalid.add("lanes");
    }
    if (maxQueuedPerSender == null
        || maxQueuedPerSender < 1
        || maxQueuedPerSender > MAX_QUEUED_LIMIT) {
      problems.add(
          "maxQueuedPerSender '"
              + maxQueuedPerSender
              + "' must be between 1 and "
              + MAX_QUEUED_LIMIT);
      invalid.add("maxQueuedPerSender");
    }
    if (maxQueued == null || maxQueued < 1 || maxQueued > MAX_QUEUED_LIMIT) {
      problems.add("maxQueued '" + maxQueued + "' must be between 1 and " + MAX_QUEUED_LIMIT);
      invalid.add("maxQueued");
    }
    if (!problems.isEmpty()) {
      // report everything at once, so one redeploy fixes it
      InvalidPropertyException e = new InvalidPropertyException(String.join("; ", problems));
      e.setInvalidPropertyDescriptors(descriptors(invalid));
      throw e;
    }
  }

  public boolean deliversMessageType(String type) {
    return split(stanzaKinds).contains("message") && split(messageTypes).contains(type);
  }

  public boolean deliversPresence() {
    return split(stanzaKinds).contains("presence");
  }

  public boolean isOrderedPerSender() {
    return !Boolean.FALSE.equals(orderedPerSender);
  }

  /** How many of one sender's waiting messages one delivery may carry (1: no batches). */
  public int maxBatch() {
    return maxBatch == null || !isOrderedPerSender() ? 1 : maxBatch;
  }

  /** How long a message that found its queue idle may wait for its batch to fill (0: never). */
  public long batchLingerNanos() {
    return maxBatch() <= 1 || batchLingerMillis == null
        ? 0
        : TimeUnit.MILLISECONDS.toNanos(batchLingerMillis);
  }

  /**
   * The queue a sender's stanzas wait in: the sender's own, or with lanes the lane it hashes to.
   */
  public String queueOf(String senderBareAddress) {
    int n = lanes == null ? 0 : lanes;
    return n == 0 ? senderBareAddress : "lane-" + Math.floorMod(senderBareAddress.hashCode(), n);
  }

  /** How many of one sender's messages may wait (the bound of its share of a lane). */
  public int maxQueuedPerSender() {
    return maxQueuedPerSender == null ? 200 : maxQueuedPerSender;
  }

  /** How many messages of all senders may wait. */
  public int maxQueued() {
    return maxQueued == null ? 20000 : maxQueued;
  }

  public Integer getMaxQueuedPerSender() {
    return maxQueuedPerSender;
  }

  public void setMaxQueuedPerSender(Integer maxQueuedPerSender) {
    this.maxQueuedPerSender = maxQueuedPerSender;
  }

  public Integer getMaxQueued() {
    return maxQueued;
  }

  public void setMaxQueued(Integer maxQueued) {
    this.maxQueued = maxQueued;
  }

  public Integer getBatchLingerMillis() {
    return batchLingerMillis;
  }

  public void setBatchLingerMillis(Integer batchLingerMillis) {
    this.batchLingerMillis = batchLingerMillis;
  }

  public Integer getLanes() {
    return lanes;
  }

  public void setLanes(Integer lanes) {
    this.lanes = lanes;
  }

  public Integer getMaxBatch() {
    return maxBatch;
  }

  public void setMaxBatch(Integer maxBatch) {
    this.maxBatch = maxBatch;
  }

  public String getStanzaKinds() {
    return stanzaKinds;
  }

  public void setStanzaKinds(String stanzaKinds) {
    this.stanzaKinds = stanzaKinds;
  }

  public String getMessageTypes() {
    return messageTypes;
  }

  public void setMessageTypes(String messageTypes) {
    this.messageTypes = messageTypes;
  }

  public Boolean getOrderedPerSender() {
    return orderedPerSender;
  }

  public void setOrderedPerSender(Boolean orderedPerSender) {
    this.orderedPerSender = orderedPerSender;
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
    this.resourceAdapter = resourceAdapter;
  }

  private static Set<String> split(String list) {
    if (list == null) {
      return Set.of();
    }
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private PropertyDescriptor[] descriptors(List<String> names) {
    List<PropertyDescriptor> result = new ArrayList<>();
    for (String name : names) {
      try {
        // explicit accessor names: isOrderedPerSender() would otherwise be taken as the getter
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        result.add(
            new PropertyDescriptor(name, XmppActivationSpec.class, "get" + cap, "set" + cap));
      } catch (IntrospectionException e) {
        throw new IllegalStateException("property " + name + " has no accessors", e);
      }
    }
    return result.toArray(PropertyDescriptor[]::new);
  }

  @Override
  public String toString() {
    return "XmppActivationSpec[stanzaKinds="
        + stanzaKinds
        + ", messageTypes="
        + messageTypes
        + ", orderedPerSender="
        + orderedPerSender
        + ", maxBatch="
        + maxBatch
        + ", batchLingerMillis="
        + batchLingerMillis
        + ", lanes="
        + lanes
        + ", maxQueuedPerSender="
        + maxQueuedPerSender
        + ", maxQueued="
        + maxQueued
        + "]";
  }
}
