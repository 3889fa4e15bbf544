package org.opportune.customer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.activity.ActivityFilter;
import org.opportune.activity.ActivityService;
import org.opportune.activity.ActivitySlice;
import org.opportune.conversation.ConversationService;
import org.opportune.customer.CustomerEvents.CompanyCreated;
import org.opportune.customer.CustomerEvents.CompanyUpdated;
import org.opportune.customer.CustomerEvents.ContactCreated;
import org.opportune.customer.CustomerEvents.ContactUpdated;
import org.opportune.customer.CustomerEvents.ConversationLinked;
import org.opportune.customer.CustomerEvents.CustomersMerged;
import org.opportune.customer.CustomerRef.Kind;
import org.opportune.customer.internal.CustomerStore;
import org.opportune.customer.internal.Domains;
import org.opportune.customer.internal.SenderMatching;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageView;
import org.opportune.shared.Actor;

/**
 * Companies and contacts for pages, the API and other modules: look up (a merged id leads to its
 * survivor), search, create, change (optimistic locking: a stale version is refused with what
 * changed), merge, and which customer a conversation is with. Every change is audited.
 */
@Service
@Transactional
public class CustomerService {

    static final String MANUAL = "manual";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");

    private final CustomerStore store;
    private final Domains domains;
    private final SenderMatching matching;
    private final MailMessages messages;
    private final MailboxService mailboxes;
    private final ConversationService conversations;
    private final ActivityService activity;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerService(CustomerStore store, CustomerProperties properties, MailMessages messages, MailboxService mailboxes,
            ConversationService conversations, ActivityService activity, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.domains = Domains.of(properties);
        this.matching = new SenderMatching(domains);
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.conversations = conversations;
        this.activity = activity;
        this.events = events;
        this.clock = clock;
    }

    // --- reading ----------------------------------------------------------------------------

    /** The contact, or the one it was merged into. */
    @Transactional(readOnly = true)
    public Optional<ContactView> contact(long id) {
        return store.contact(store.survivor("contacts", id));
    }

    /** The names of these companies (of the one each was merged into), by id, in one query; unknown ids are left out. */
    @Transactional(readOnly = true)
    public Map<Long, String> companyNames(Collection<Long> companyIds) {
        return companyIds.isEmpty() ? Map.of() : store.names("companies", companyIds);
    }

    /** The names of these contacts (of the one each was merged into), by id, in one query; unknown ids are left out. */
    @Transactional(readOnly = true)
    public Map<Long, String> contactNames(Collection<Long> contactIds) {
        return contactIds.isEmpty() ? Map.of() : store.names("contacts", contactIds);
    }

    /** The company, or the one it was merged into. */
    @Transactional(readOnly = true)
    public Optional<CompanyView> company(long id) {
        return store.company(store.survivor("companies", id));
    }

    @Transactional(readOnly = true)
    public Optional<ContactView> contactByEmail(String address) {
        return store.contactIdByEmail(Domains.normalise(address)).flatMap(store::contact);
    }

    /** The company a mail domain belongs to (a subdomain finds its parent's company); never one for free mail. */
    @Transactional(readOnly = true)
    public Optional<CompanyView> companyByDomain(String domain) {
        var d = Domains.normalise(domain);
        if (d.isEmpty() || domains.isFreeMail(d)) {
            return Optional.empty();
        }
        return store.companyIdByDomains(Domains.lookupChain(d)).flatMap(store::company);
    }

    @Transactional(readOnly = true)
    public List<ContactView> contactsOf(long companyId) {
        return store.contactsOfCompany(store.survivor("companies", companyId));
    }

    /** The contact a conversation is with (its first linked one) and that contact's company. */
    @Transactional(readOnly = true)
    public Optional<ConversationCustomer> customerOfConversation(long conversationId) {
        return store.customerOfConversation(conversationId).flatMap(store::contact).map(contact -> new ConversationCustomer(
                conversationId, contact, contact.companyId() == null ? null : store.company(contact.companyId()).orElse(null)));
    }

    /** For list rows: the company name of each conversation's customer, by conversation id, in one query. */
    @Transactional(readOnly = true)
    public Map<Long, String> companyNamesOfConversations(Collection<Long> conversationIds) {
        return conversationIds.isEmpty() ? Map.of() : store.companyNamesOfConversations(conversationIds);
    }

    /**
     * The conversations with a company whose name contains {@code text} (ignoring case), newest activity
     * first, at most {@code limit}: what the inbox search adds for a company name.
     */
    @Transactional(readOnly = true)
    public List<Long> conversationsOfCompaniesNamed(String text, int limit) {
        return text.isBlank() ? List.of() : store.conversationsOfCompaniesNamed(text.strip(), Math.max(1, Math.min(limit, 500)));
    }

    /**
     * What the owner of an address is to us: the contact's own relationship unless it is only a prospect,
     * then its company's; for an unknown address the company of its domain's. Empty when nothing is known.
     */
    @Transactional(readOnly = true)
    public Optional<Relationship> relationshipOf(String address) {
        var normalised = Domains.normalise(address);
        var contactId = store.contactIdByEmail(normalised);
        if (contactId.isPresent()) {
            var own = store.contactRelationship(contactId.get()).orElse(Relationship.PROSPECT);
            if (own != Relationship.PROSPECT) {
                return Optional.of(own);
            }
            var ofCompany = store.companyOfContact(contactId.get()).flatMap(store::companyRelationship);
            return Optional.of(ofCompany.orElse(own));
        }
        return companyByDomain(Domains.domainOf(normalised)).map(CompanyView::relationship);
    }

    /** The customer's conversations, latest first. */
    @Transactional(readOnly = true)
    public List<CustomerConversation> conversationsOf(CustomerRef ref, int limit) {
        return ref.kind() == Kind.COMPANY
                ? store.conversationsOf("company_id", store.survivor("companies", ref.id()), limit)
                : store.conversationsOf("contact_id", store.survivor("contacts", ref.id()), limit);
    }

    /** The customer's activity trail, newest first. */
    @Transactional(readOnly = true)
    public ActivitySlice timeline(CustomerRef ref, int page) {
        return activity.page(new ActivityFilter(null, null, ref.kind().code(), Long.toString(ref.id()), null, null), page);
    }

    /** Companies and contacts whose name, domain or address contains the text (all when blank), companies first. */
    @Transactional(readOnly = true)
    public List<CustomerHit> search(String query, int limit) {
        var hits = new ArrayList<>(searchCompanies(query, limit));
        hits.addAll(searchContacts(query, limit));
        return hits;
    }

    @Transactional(readOnly = true)
    public List<CustomerHit> searchCompanies(String query, int limit) {
        return store.searchCompanies(query == null ? "" : query.strip(), clamp(limit));
    }

    @Transactional(readOnly = true)
    public List<CustomerHit> searchContacts(String query, int limit) {
        return store.searchContacts(query == null ? "" : query.strip(), clamp(limit));
    }

    // --- people's changes -------------------------------------------------------------------

    public CompanyView createCompany(Actor actor, CompanyCommand command) {
        var domainList = checkCompany(command, null);
        var id = store.insertCompany(command.name(), command.address(), command.notes(), command.relationship(), clock.instant());
        domainList.forEach(d -> store.insertDomain(d, id));
        var created = store.company(id).orElseThrow();
        events.publishEvent(new CompanyCreated(actor, id, companyFields(created)));
        return created;
    }

    public ContactView createContact(Actor actor, ContactCommand command) {
        var emails = checkContact(command, null);
        var companyId = command.companyId() == null ? null : store.survivor("companies", command.companyId());
        var id = store.insertContact(command.name(), command.phone(), companyId, MANUAL, command.relationship(),
                command.notes(), clock.instant());
        emails.forEach(e -> store.insertEmail(e, id));
        var created = store.contact(id).orElseThrow();
        events.publishEvent(new ContactCreated(actor, id, contactFields(created)));
        return created;
    }

    /**
     * Changes a company to the command's values, if nobody saved it since {@code version}.
     *
     * @throws CustomerChangedException when it was saved since (409)
     * @throws CustomerRuleException    for invalid values (400)
     */
    public CompanyView updateCompany(Actor actor, long id, int version, CompanyCommand command) {
        var current = store.company(id).filter(c -> store.survivor("companies", id) == id)
                .orElseThrow(() -> CustomerNotFoundException.forRef(CustomerRef.company(id)));
        if (current.version() != version) {
            throw changed(current.ref(), version, current.version(), companyFields(current), Map.of("name", command.name(),
                    "domains", normaliseAll(command.domains()), "address", command.address(),
                    "relationship", command.relationship().code(), "notes", command.notes()), "companies");
        }
        var domainList = checkCompany(command, id);
        if (!store.updateCompany(id, version, command)) {
            var now = store.company(id).orElseThrow();
            throw changed(now.ref(), version, now.version(), companyFields(now), companyFields(current), "companies");
        }
        var oldDomains = new LinkedHashSet<>(current.domains());
        oldDomains.stream().filter(d -> !domainList.contains(d)).forEach(store::deleteDomain);
        domainList.stream().filter(d -> !oldDomains.contains(d)).forEach(d -> store.insertDomain(d, id));
        stamp("companies", id, actor);
        var updated = store.company(id).orElseThrow();
        publishDiff(companyFields(current), companyFields(updated), (b, a) -> new CompanyUpdated(actor, id, b, a));
        return updated;
    }

    /**
     * Changes a contact to the command's values, if nobody saved it since {@code version}.
     *
     * @throws CustomerChangedException when it was saved since (409)
     * @throws CustomerRuleException    for invalid values (400)
     */
    public ContactView updateContact(Actor actor, long id, int version, ContactCommand command) {
        var current = store.contact(id).filter(c -> store.survivor("contacts", id) == id)
                .orElseThrow(() -> CustomerNotFoundException.forRef(CustomerRef.contact(id)));
        if (current.version() != version) {
            var sent = new LinkedHashMap<String, Object>();
            sent.put("name", command.name());
            sent.put("emails", normaliseAll(command.emails()));
            sent.put("phone", command.phone());
            sent.put("companyId", command.companyId() == null ? "" : command.companyId());
            sent.put("relationship", command.relationship().code());
            sent.put("notes", command.notes());
            throw changed(current.ref(), version, current.version(), contactFields(current), sent, "contacts");
        }
        var emails = checkContact(command, id);
        var companyId = command.companyId() == null ? null : store.survivor("companies", command.companyId());
        var resolved = new ContactCommand(command.name(), emails, command.phone(), companyId, command.relationship(), command.notes());
        if (!store.updateContact(id, version, resolved)) {
            var now = store.contact(id).orElseThrow();
            throw changed(now.ref(), version, now.version(), contactFields(now), contactFields(current), "contacts");
        }
        var oldEmails = new LinkedHashSet<>(current.emails());
        oldEmails.stream().filter(e -> !emails.contains(e)).forEach(store::deleteEmail);
        emails.stream().filter(e -> !oldEmails.contains(e)).forEach(e -> store.insertEmail(e, id));
        if (!Objects.equals(companyId, current.companyId())) {
            store.relinkCompany(id, companyId);
        }
        stamp("contacts", id, actor);
        var updated = store.contact(id).orElseThrow();
        publishDiff(contactFields(current), contactFields(updated), (b, a) -> new ContactUpdated(actor, id, b, a));
        return updated;
    }

    /**
     * Merges one contact into another: its addresses and conversations move to the survivor, which keeps
     * its own values and takes the merged one's phone and company where it has none; notes are joined.
     * The merged contact is kept and redirects to the survivor.
     */
    public ContactView mergeContacts(Actor actor, long mergedId, long survivorId) {
        var merged = liveContact(mergedId);
        var survivor = liveContact(survivorId);
        if (merged.id() == survivor.id()) {
            throw CustomerRuleException.of("survivorId", "A contact cannot be merged into itself; pick another one.");
        }
        if (store.lock("contacts", merged.id(), survivor.id()) < 2) {
            throw CustomerRuleException.of("", "One of the two contacts was merged meanwhile; reload and try again.");
        }
        var linksBefore = Map.of(Long.toString(survivor.id()), store.countLinks("contact_id", survivor.id()),
                Long.toString(merged.id()), store.countLinks("contact_id", merged.id()));
        var phone = survivor.phone().isEmpty() ? merged.phone() : survivor.phone();
        var companyId = survivor.companyId() == null ? merged.companyId() : survivor.companyId();
        store.fillContact(survivor.id(), phone, companyId, joinNotes(survivor.notes(), merged.notes()));
        store.moveEmails(merged.id(), survivor.id());
        store.moveContactLinks(merged.id(), survivor.id(), companyId);
        store.markMerged("contacts", merged.id(), survivor.id());
        store.bumpVersion("contacts", survivor.id());
        stamp("contacts", survivor.id(), actor);
        var after = store.contact(survivor.id()).orElseThrow();
        var before = new LinkedHashMap<String, Object>();
        before.put("survivor", contactFields(survivor));
        before.put("merged", Map.of("id", merged.id(), "fields", contactFields(merged)));
        before.put("conversations", linksBefore);
        var afterFields = new LinkedHashMap<String, Object>(contactFields(after));
        afterFields.put("conversations", Map.of(Long.toString(after.id()), store.countLinks("contact_id", after.id())));
        afterFields.put("mergedInto", Map.of(Long.toString(merged.id()), after.id()));
        events.publishEvent(new CustomersMerged(actor, Kind.CONTACT, survivor.id(), merged.id(), before, afterFields));
        return after;
    }

    /**
     * Merges one company into another: its domains, contacts and conversations move to the survivor,
     * which takes the merged one's address where it has none; notes are joined.
     */
    public CompanyView mergeCompanies(Actor actor, long mergedId, long survivorId) {
        var merged = liveCompany(mergedId);
        var survivor = liveCompany(survivorId);
        if (merged.id() == survivor.id()) {
            throw CustomerRuleException.of("survivorId", "A company cannot be merged into itself; pick another one.");
        }
        if (store.lock("companies", merged.id(), survivor.id()) < 2) {
            throw CustomerRuleException.of("", "One of the two companies was merged meanwhile; reload and try again.");
        }
        var contactsBefore = Map.of(Long.toString(survivor.id()), store.contactsOfCompany(survivor.id()).size(),
                Long.toString(merged.id()), store.contactsOfCompany(merged.id()).size());
        store.fillCompany(survivor.id(), survivor.address().isEmpty() ? merged.address() : survivor.address(),
                joinNotes(survivor.notes(), merged.notes()));
        store.moveDomains(merged.id(), survivor.id());
        store.moveContactsOfCompany(merged.id(), survivor.id());
        store.moveCompanyLinks(merged.id(), survivor.id());
        store.markMerged("companies", merged.id(), survivor.id());
        store.bumpVersion("companies", survivor.id());
        stamp("companies", survivor.id(), actor);
        var after = store.company(survivor.id()).orElseThrow();
        var before = new LinkedHashMap<String, Object>();
        before.put("survivor", companyFields(survivor));
        before.put("merged", Map.of("id", merged.id(), "fields", companyFields(merged)));
        before.put("contacts", contactsBefore);
        var afterFields = new LinkedHashMap<String, Object>(companyFields(after));
        afterFields.put("contacts", Map.of(Long.toString(after.id()), store.contactsOfCompany(after.id()).size()));
        afterFields.put("mergedInto", Map.of(Long.toString(merged.id()), after.id()));
        events.publishEvent(new CustomersMerged(actor, Kind.COMPANY, survivor.id(), merged.id(), before, afterFields));
        return after;
    }

    // --- mail -------------------------------------------------------------------------------

    /**
     * Links the conversation a message is in to its sender (for our own mail: its external recipients),
     * creating unknown contacts, and companies for company domains. Idempotent: a repeat finds what the
     * first run created. A concurrent run for a colleague at the same new domain fails on the unique
     * domain and is retried by the caller.
     *
     * @return the number of new links
     */
    int linkMessage(long messageId) {
        return linkMessages(List.of(messageId));
    }

    /**
     * {@link #linkMessage} for each message, in order, with the same links, contacts and events, but each lookup made
     * once for all of them: the messages, their conversations, our domains, the contacts of all their parties and
     * those contacts' companies. For an import's batch of 250 messages that is a handful of queries instead of
     * about ten a message.
     */
    int linkMessages(List<Long> messageIds) {
        var conversationIds = conversations.conversationsOf(messageIds);
        var threaded = messageIds.stream().filter(conversationIds::containsKey).distinct().toList();
        if (threaded.isEmpty()) {
            return 0;
        }
        var ownDomains = mailboxes.ownDomains();
        var sources = new HashMap<Long, String>();
        var work = new ArrayList<MessageParties>();
        for (var message : messages.messages(threaded)) {
            var parties = matching.parties(message.fromAddress(), message.fromName(), message.addresses(), ownDomains,
                    message.textBody());
            var source = message.mailboxIds().isEmpty() ? "mailbox"
                    : sources.computeIfAbsent(message.mailboxIds().get(0), id -> "mailbox:" + mailboxes.mailbox(id).address());
            work.add(new MessageParties(message, conversationIds.get(message.id()), parties, source));
        }
        var contacts = store.contactIdsByEmails(work.stream()
                .flatMap(w -> w.parties().stream().map(SenderMatching.Party::address)).distinct().toList());
        var companies = new HashMap<>(store.companiesOfContacts(contacts.values()));
        var linked = 0;
        for (var item : work) {
            var message = item.message();
            for (var party : item.parties()) {
                var contactId = contacts.get(party.address());
                if (contactId == null) {
                    var created = createFromMail(party, item.source());
                    contactId = created.contactId();
                    contacts.put(party.address(), contactId);
                    if (created.companyId() != null) {
                        companies.put(contactId, created.companyId());
                    }
                }
                var companyId = companies.get(contactId);
                if (store.link(item.conversationId(), contactId, companyId, message.subject(), message.sentAt(), message.id(),
                        clock.instant())) {
                    linked++;
                    events.publishEvent(new ConversationLinked(item.conversationId(), contactId, companyId));
                }
            }
        }
        return linked;
    }

    private record MessageParties(MessageView message, long conversationId, List<SenderMatching.Party> parties, String source) {
    }

    /** Two conversations became one: the merged one's links move to the target. */
    void conversationsMerged(long targetConversationId, long mergedConversationId) {
        for (var link : store.linksOf(mergedConversationId)) {
            store.link(targetConversationId, link.contactId(), link.companyId(), link.subject(), link.lastMessageAt(),
                    link.firstMessageId(), clock.instant());
        }
        store.deleteLinks(mergedConversationId);
    }

    /** A contact made from mail, and the company it was put in (new or found by its domain), if any. */
    private record CreatedContact(long contactId, @Nullable Long companyId) {
    }

    private CreatedContact createFromMail(SenderMatching.Party party, String source) {
        Long companyId = null;
        var relationship = Relationship.PROSPECT;
        if (party.companyDomain() != null) {
            companyId = store.companyIdByDomains(party.lookupDomains()).orElse(null);
            if (companyId == null) {
                companyId = store.insertCompany(Objects.requireNonNull(party.companyName()), "", "", Relationship.PROSPECT,
                        clock.instant());
                store.insertDomain(party.companyDomain(), companyId);
                events.publishEvent(new CompanyCreated(Actor.system(), companyId, companyFields(store.company(companyId).orElseThrow())));
            } else {
                relationship = store.companyRelationship(companyId).orElse(Relationship.PROSPECT);
            }
        }
        var contactId = store.insertContact(party.name(), "", companyId, source, relationship, "", clock.instant());
        store.insertEmail(party.address(), contactId);
        var fields = new LinkedHashMap<>(contactFields(store.contact(contactId).orElseThrow()));
        fields.put("source", source);
        events.publishEvent(new ContactCreated(Actor.system(), contactId, fields));
        return new CreatedContact(contactId, companyId);
    }

    // --- rules ------------------------------------------------------------------------------

    private List<String> checkCompany(CompanyCommand command, @Nullable Long companyId) {
        var errors = new LinkedHashMap<String, String>();
        name(command.name(), errors);
        if (command.address().length() > 1000) {
            errors.put("address", "Use at most 1,000 characters.");
        }
        notes(command.notes(), errors);
        var list = normaliseAll(command.domains()).stream().map(d -> d.startsWith("@") ? d.substring(1) : d).distinct().toList();
        var own = mailboxes.ownDomains();
        for (var domain : list) {
            if (!DOMAIN.matcher(domain).matches()) {
                errors.putIfAbsent("domains", "'" + domain + "' is not a mail domain; enter domains such as northwind.example.");
            } else if (domains.isFreeMail(domain)) {
                errors.putIfAbsent("domains", domain + " is a free-mail domain: it says nothing about a company. Add the address to a contact instead.");
            } else if (Domains.isOwn(domain, own)) {
                errors.putIfAbsent("domains", domain + " is one of our own domains.");
            } else {
                var owner = store.companyIdByDomains(List.of(domain));
                if (owner.isPresent() && !owner.get().equals(companyId)) {
                    errors.putIfAbsent("domains", domain + " belongs to " + store.domainOwner(domain).orElse("another company")
                            + " already. Merge the two companies instead.");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new CustomerRuleException(errors);
        }
        return list;
    }

    private List<String> checkContact(ContactCommand command, @Nullable Long contactId) {
        var errors = new LinkedHashMap<String, String>();
        name(command.name(), errors);
        if (command.phone().length() > 60) {
            errors.put("phone", "Use at most 60 characters.");
        }
        notes(command.notes(), errors);
        var list = normaliseAll(command.emails());
        for (var email : list) {
            if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
                errors.putIfAbsent("emails", "'" + email + "' is not a mail address; enter addresses such as anna@northwind.example.");
            } else {
                var owner = store.contactIdByEmail(email);
                if (owner.isPresent() && !owner.get().equals(contactId)) {
                    errors.putIfAbsent("emails", email + " is the address of " + store.emailOwner(email).orElse("another contact")
                            + " already. Merge the two contacts instead.");
                }
            }
        }
        if (command.companyId() != null && store.company(store.survivor("companies", command.companyId())).isEmpty()) {
            errors.put("companyId", "There is no company " + command.companyId() + ".");
        }
        if (!errors.isEmpty()) {
            throw new CustomerRuleException(errors);
        }
        return list;
    }

    private static void name(String name, Map<String, String> errors) {
        if (name.isBlank()) {
            errors.put("name", "Enter a name.");
        } else if (name.length() > 200) {
            errors.put("name", "Use at most 200 characters.");
        }
    }

    private static void notes(String notes, Map<String, String> errors) {
        if (notes.length() > 10_000) {
            errors.put("notes", "Use at most 10,000 characters.");
        }
    }

    private static List<String> normaliseAll(List<String> values) {
        return values.stream().map(Domains::normalise).filter(v -> !v.isEmpty()).distinct().sorted().toList();
    }

    private ContactView liveContact(long id) {
        var survivor = store.survivor("contacts", id);
        return store.contact(survivor).orElseThrow(() -> CustomerNotFoundException.forRef(CustomerRef.contact(id)));
    }

    private CompanyView liveCompany(long id) {
        var survivor = store.survivor("companies", id);
        return store.company(survivor).orElseThrow(() -> CustomerNotFoundException.forRef(CustomerRef.company(id)));
    }

    private void stamp(String table, long id, Actor actor) {
        store.stamp(table, id, actor.name(), clock.instant());
    }

    private CustomerChangedException changed(CustomerRef ref, int yours, int current, Map<String, Object> stored,
            Map<String, Object> sent, String table) {
        var differing = new LinkedHashMap<String, Object>();
        stored.forEach((field, value) -> {
            if (sent.containsKey(field) && !Objects.equals(String.valueOf(value), String.valueOf(sent.get(field)))) {
                differing.put(field, value);
            }
        });
        var by = store.lastChange(table, ref.id()).map(List::of).orElse(List.of());
        return new CustomerChangedException(ref, yours, current, differing, by);
    }

    private void publishDiff(Map<String, Object> before, Map<String, Object> after,
            java.util.function.BiFunction<Map<String, Object>, Map<String, Object>, Object> event) {
        var b = new LinkedHashMap<String, Object>();
        var a = new LinkedHashMap<String, Object>();
        after.forEach((field, value) -> {
            if (!Objects.equals(value, before.get(field))) {
                b.put(field, before.get(field));
                a.put(field, value);
            }
        });
        if (!a.isEmpty()) {
            events.publishEvent(event.apply(b, a));
        }
    }

    private static String joinNotes(String first, String second) {
        if (second.isBlank() || first.contains(second)) {
            return first;
        }
        return first.isBlank() ? second : first + "\n\n" + second;
    }

    static Map<String, Object> companyFields(CompanyView c) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", c.name());
        fields.put("domains", c.domains());
        fields.put("address", c.address());
        fields.put("relationship", c.relationship().code());
        fields.put("notes", c.notes());
        return fields;
    }

    static Map<String, Object> contactFields(ContactView c) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", c.name());
        fields.put("emails", c.emails());
        fields.put("phone", c.phone());
        fields.put("companyId", c.companyId() == null ? "" : c.companyId());
        fields.put("relationship", c.relationship().code());
        fields.put("notes", c.notes());
        return fields;
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, 200));
    }
}
