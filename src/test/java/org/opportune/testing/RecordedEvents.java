package org.opportune.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationEvents.MessagesThreaded;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MessageReceived;
import org.opportune.mail.MessagesReceived;
import org.opportune.opportunity.OpportunityEvents.OpportunityAssigned;
import org.opportune.triage.BuyingSignalDetected;

/**
 * Events that tests wait for, recorded on whatever thread they are published (Spring's
 * {@code ApplicationEvents} sees only the test's own thread). The test classes that need one import
 * this one configuration, so they share a Spring context instead of starting one each; they run in a
 * database other tests use too, so they look only for the events of what they made themselves.
 *
 * <p>Read the events through the methods: the context may hand out a proxy of this bean, whose own fields are
 * not the recorder's.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedEvents {

    private final ObjectProvider<MailMessages> messages;

    private final List<MessageReceived> received = new CopyOnWriteArrayList<>();
    private final List<Long> receivedInBatches = new CopyOnWriteArrayList<>();
    private final List<OpportunityAssigned> assigned = new CopyOnWriteArrayList<>();
    private final List<BuyingSignalDetected> buyingSignals = new CopyOnWriteArrayList<>();
    private final List<MessageThreaded> threadedAlone = new CopyOnWriteArrayList<>();
    private final List<MessagesThreaded> threadedBatches = new CopyOnWriteArrayList<>();

    RecordedEvents(ObjectProvider<MailMessages> messages) {
        this.messages = messages;
    }

    @TransactionalEventListener
    void on(MessageReceived event) {
        received.add(event);
    }

    @TransactionalEventListener
    void on(MessagesReceived batch) {
        receivedInBatches.addAll(batch.messageIds());
    }

    @TransactionalEventListener
    void on(MessageThreaded event) {
        threadedAlone.add(event);
    }

    @TransactionalEventListener
    void on(MessagesThreaded batch) {
        threadedBatches.add(batch);
    }

    @EventListener
    void on(OpportunityAssigned event) {
        assigned.add(event);
    }

    @EventListener
    void on(BuyingSignalDetected event) {
        buyingSignals.add(event);
    }

    /**
     * Every MessageReceived of the message that was committed, alone or in a batch's MessagesReceived; the latter
     * with the facts its listeners read ({@link MailMessages#received}).
     */
    public List<MessageReceived> receivedFor(long messageId) {
        var events = new ArrayList<>(received.stream().filter(e -> e.messageId() == messageId).toList());
        for (var id : receivedInBatches) {
            if (id == messageId) {
                events.addAll(messages.getObject().received(List.of(id)));
            }
        }
        return events;
    }

    /** The notification events of new owners. */
    public List<OpportunityAssigned> assigned() {
        return assigned;
    }

    public List<BuyingSignalDetected> buyingSignals() {
        return buyingSignals;
    }

    /** Every committed MessageThreaded: a message threaded alone. */
    public List<MessageThreaded> threadedAlone() {
        return threadedAlone;
    }

    /** Every committed MessagesThreaded: what the threading of an import's batch told the other modules. */
    public List<MessagesThreaded> threadedBatches() {
        return threadedBatches;
    }
}
