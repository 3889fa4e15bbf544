package org.opportune.customer.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import org.opportune.customer.CompanyCommand;
import org.opportune.customer.CompanyView;
import org.opportune.customer.ContactCommand;
import org.opportune.customer.ContactView;
import org.opportune.customer.CustomerConversation;
import org.opportune.customer.CustomerHit;
import org.opportune.customer.CustomerRef;
import org.opportune.customer.Relationship;
import org.opportune.shared.IdList;

/** The customer tables, through {@link JdbcClient}; only the customer module uses it. Ids given here are never redirected; {@link #survivor} does that. */
@Repository
public class CustomerStore {

    /** Values bound in one {@code in (...)}: far below what a statement may bind (65,535 on PostgreSQL). */
    private static final int IN_LIST = 1000;

    private final JdbcClient jdbc;

    public CustomerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- lookups used by matching -------------------------------------------------------------

    public Optional<Long> contactIdByEmail(String address) {
        return jdbc.sql("select contact_id from contact_emails where address = :address")
                .param("address", address).query(Long.class).optional();
    }

    /** {@link #contactIdByEmail} for many addresses: the contact of each address that has one. */
    public Map<String, Long> contactIdsByEmails(Collection<String> addresses) {
        var found = new HashMap<String, Long>();
        var list = List.copyOf(addresses);
        // in chunks: a batch of mail to many recipients asks for more addresses than a statement may bind
        for (int from = 0; from < list.size(); from += IN_LIST) {
            jdbc.sql("select address, contact_id from contact_emails where address in (:addresses)")
                    .param("addresses", list.subList(from, Math.min(list.size(), from + IN_LIST)))
                    .query(rs -> {
                        found.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return found;
    }

    /** The company of the first domain in {@code domains} that has one. */
    public Optional<Long> companyIdByDomains(List<String> domains) {
        if (domains.isEmpty()) {
            return Optional.empty();
        }
        var found = jdbc.sql("select domain, company_id from company_domains where domain in (:domains)")
                .param("domains", domains)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}).list();
        for (var domain : domains) {
            for (var row : found) {
                if (row[0].equals(domain)) {
                    return Optional.of((Long) row[1]);
                }
            }
        }
        return Optional.empty();
    }

    public Optional<String> domainOwner(String domain) {
        return jdbc.sql("select c.name from company_domains d join companies c on c.id = d.company_id where d.domain = :domain")
                .param("domain", domain).query(String.class).optional();
    }

    public Optional<String> emailOwner(String address) {
        return jdbc.sql("select c.name from contact_emails e join contacts c on c.id = e.contact_id where e.address = :address")
                .param("address", address).query(String.class).optional();
    }

    // --- companies --------------------------------------------------------------------------

    public long insertCompany(String name, String address, String notes, Relationship relationship, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into companies (name, address, notes, relationship, created_at, version)
                values (:name, :address, :notes, :relationship, :at, 0)""")
                .param("name", name).param("address", address).param("notes", notes)
                .param("relationship", relationship.code()).param("at", at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public void insertDomain(String domain, long companyId) {
        jdbc.sql("insert into company_domains (domain, company_id) values (:domain, :company)")
                .param("domain", domain).param("company", companyId).update();
    }

    public void deleteDomain(String domain) {
        jdbc.sql("delete from company_domains where domain = :domain").param("domain", domain).update();
    }

    public Optional<CompanyView> company(long id) {
        var domains = domainsOf(id);
        return jdbc.sql("select * from companies where id = :id").param("id", id)
                .query((rs, n) -> company(rs, domains)).optional();
    }

    public List<String> domainsOf(long companyId) {
        return jdbc.sql("select domain from company_domains where company_id = :id order by domain")
                .param("id", companyId).query(String.class).list();
    }

    /** Saves the new values when the version still matches; returns false when someone else saved first. */
    public boolean updateCompany(long id, int version, CompanyCommand command) {
        return jdbc.sql("""
                update companies set name = :name, address = :address, notes = :notes, relationship = :relationship,
                       version = version + 1
                where id = :id and version = :version and merged_into is null""")
                .param("id", id).param("version", version).param("name", command.name())
                .param("address", command.address()).param("notes", command.notes())
                .param("relationship", command.relationship().code())
                .update() == 1;
    }

    // --- contacts ---------------------------------------------------------------------------

    public long insertContact(String name, String phone, @Nullable Long companyId, String source, Relationship relationship,
            String notes, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into contacts (name, phone, company_id, source, relationship, notes, created_at, version)
                values (:name, :phone, :company, :source, :relationship, :notes, :at, 0)""")
                .param("name", name).param("phone", phone).param("company", companyId)
                .param("source", source).param("relationship", relationship.code()).param("notes", notes)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public void insertEmail(String address, long contactId) {
        jdbc.sql("insert into contact_emails (address, contact_id) values (:address, :contact)")
                .param("address", address).param("contact", contactId).update();
    }

    public void deleteEmail(String address) {
        jdbc.sql("delete from contact_emails where address = :address").param("address", address).update();
    }

    public Optional<ContactView> contact(long id) {
        var emails = emailsOf(id);
        return jdbc.sql("""
                select p.*, c.name as company_name from contacts p left join companies c on c.id = p.company_id
                where p.id = :id""").param("id", id)
                .query((rs, n) -> contact(rs, emails)).optional();
    }

    public List<String> emailsOf(long contactId) {
        return jdbc.sql("select address from contact_emails where contact_id = :id order by address")
                .param("id", contactId).query(String.class).list();
    }

    public Optional<Relationship> contactRelationship(long contactId) {
        return jdbc.sql("select relationship from contacts where id = :id").param("id", contactId)
                .query(String.class).optional().map(Relationship::parse);
    }

    public Optional<Long> companyOfContact(long contactId) {
        return jdbc.sql("select company_id from contacts where id = :id").param("id", contactId)
                .query((rs, n) -> nullableLong(rs, "company_id")).optional().flatMap(Optional::ofNullable);
    }

    /** {@link #companyOfContact} for many contacts: the company of each one that has one. */
    public Map<Long, Long> companiesOfContacts(Collection<Long> contactIds) {
        var found = new HashMap<Long, Long>();
        if (!contactIds.isEmpty()) {
            jdbc.sql("select id, company_id from contacts where company_id is not null and id in (" + IdList.literal(contactIds) + ")")
                    .query(rs -> {
                        found.put(rs.getLong(1), rs.getLong(2));
                    });
        }
        return found;
    }

    public Optional<Relationship> companyRelationship(long companyId) {
        return jdbc.sql("select relationship from companies where id = :id").param("id", companyId)
                .query(String.class).optional().map(Relationship::parse);
    }

    public boolean updateContact(long id, int version, ContactCommand command) {
        return jdbc.sql("""
                update contacts set name = :name, phone = :phone, company_id = :company, relationship = :relationship,
                       notes = :notes, version = version + 1
                where id = :id and version = :version and merged_into is null""")
                .param("id", id).param("version", version).param("name", command.name()).param("phone", command.phone())
                .param("company", command.companyId()).param("relationship", command.relationship().code())
                .param("notes", command.notes())
                .update() == 1;
    }

    public List<ContactView> contactsOfCompany(long companyId) {
        var ids = jdbc.sql("select id from contacts where company_id = :id and merged_into is null order by name, id")
                .param("id", companyId).query(Long.class).list();
        return ids.stream().map(this::contact).flatMap(Optional::stream).toList();
    }

    // --- merging ----------------------------------------------------------------------------

    /** The record that {@code id} was merged into, following chains; {@code id} itself when it was not merged. */
    /** The names of these companies or contacts (of the one each was merged into), by id, in one query. */
    public Map<Long, String> names(String table, Collection<Long> ids) {
        var names = new HashMap<Long, String>();
        // a scalar subquery, not a join: PostgreSQL hashed the whole table for the join (16 ms for the board's 210
        // companies out of 20,000), where this is one primary-key lookup per merged row
        jdbc.sql("select r.id, coalesce((select s.name from " + table(table) + " s where s.id = r.merged_into), r.name) from "
                        + table(table) + " r where r.id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    public long survivor(String table, long id) {
        var current = id;
        for (int hops = 0; hops < 50; hops++) {
            var next = jdbc.sql("select merged_into from " + table(table) + " where id = :id").param("id", current)
                    .query((rs, n) -> nullableLong(rs, "merged_into")).optional().orElse(null);
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** Locks both rows (in id order, so two merges cannot deadlock) and returns how many exist unmerged. */
    public int lock(String table, long a, long b) {
        return jdbc.sql("select id from " + table(table) + " where id in (:ids) and merged_into is null order by id for update")
                .param("ids", List.of(Math.min(a, b), Math.max(a, b))).query(Long.class).list().size();
    }

    public void markMerged(String table, long mergedId, long survivorId) {
        jdbc.sql("update " + table(table) + " set merged_into = :survivor, version = version + 1 where id = :id")
                .param("survivor", survivorId).param("id", mergedId).update();
        // earlier losers of the merged record now point straight at the survivor
        jdbc.sql("update " + table(table) + " set merged_into = :survivor where merged_into = :id")
                .param("survivor", survivorId).param("id", mergedId).update();
    }

    public void stamp(String table, long id, String by, Instant at) {
        jdbc.sql("update " + table(table) + " set updated_by = :by, updated_at = :at where id = :id")
                .param("by", by).param("at", at.atOffset(ZoneOffset.UTC)).param("id", id).update();
    }

    /** Who saved the record last and when, as {@code priya at 2026-03-02 09:00 UTC}. */
    public Optional<String> lastChange(String table, long id) {
        return jdbc.sql("select updated_by, updated_at from " + table(table) + " where id = :id and updated_by is not null")
                .param("id", id)
                .query((rs, n) -> rs.getString("updated_by") + " at " + instant(rs, "updated_at")
                        .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ').replace("Z", " UTC"))
                .optional();
    }

    public void bumpVersion(String table, long id) {
        jdbc.sql("update " + table(table) + " set version = version + 1 where id = :id").param("id", id).update();
    }

    public void moveEmails(long fromContact, long toContact) {
        jdbc.sql("update contact_emails set contact_id = :to where contact_id = :from")
                .param("to", toContact).param("from", fromContact).update();
    }

    public void moveDomains(long fromCompany, long toCompany) {
        jdbc.sql("update company_domains set company_id = :to where company_id = :from")
                .param("to", toCompany).param("from", fromCompany).update();
    }

    public void moveContactsOfCompany(long fromCompany, long toCompany) {
        jdbc.sql("update contacts set company_id = :to where company_id = :from")
                .param("to", toCompany).param("from", fromCompany).update();
    }

    public void fillContact(long survivorId, String phone, @Nullable Long companyId, String notes) {
        jdbc.sql("update contacts set phone = :phone, company_id = :company, notes = :notes where id = :id")
                .param("phone", phone).param("company", companyId).param("notes", notes).param("id", survivorId).update();
    }

    public void fillCompany(long survivorId, String address, String notes) {
        jdbc.sql("update companies set address = :address, notes = :notes where id = :id")
                .param("address", address).param("notes", notes).param("id", survivorId).update();
    }

    /** Moves the merged contact's conversation links to the survivor; where both were linked, one row stays. */
    public void moveContactLinks(long fromContact, long toContact, @Nullable Long survivorCompany) {
        jdbc.sql("""
                delete from conversation_customers where contact_id = :from
                and conversation_id in (select conversation_id from conversation_customers where contact_id = :to)""")
                .param("from", fromContact).param("to", toContact).update();
        jdbc.sql("update conversation_customers set contact_id = :to where contact_id = :from")
                .param("to", toContact).param("from", fromContact).update();
        jdbc.sql("update conversation_customers set company_id = :company where contact_id = :to")
                .param("company", survivorCompany).param("to", toContact).update();
    }

    public void moveCompanyLinks(long fromCompany, long toCompany) {
        jdbc.sql("update conversation_customers set company_id = :to where company_id = :from")
                .param("to", toCompany).param("from", fromCompany).update();
    }

    public int countLinks(String column, long id) {
        return jdbc.sql("select count(*) from conversation_customers where " + linkColumn(column) + " = :id")
                .param("id", id).query(Integer.class).single();
    }

    // --- conversation links -----------------------------------------------------------------

    /** Links the conversation to the contact once; later messages only move its latest date. Returns true when new. */
    public boolean link(long conversationId, long contactId, @Nullable Long companyId, String subject, Instant sentAt,
            long messageId, Instant now) {
        var updated = jdbc.sql("""
                update conversation_customers set last_message_at = :sent
                where conversation_id = :conversation and contact_id = :contact and last_message_at < :sent""")
                .param("conversation", conversationId).param("contact", contactId)
                .param("sent", sentAt.atOffset(ZoneOffset.UTC)).update();
        if (updated > 0 || linked(conversationId, contactId)) {
            return false;
        }
        jdbc.sql("""
                insert into conversation_customers
                    (conversation_id, contact_id, company_id, subject, last_message_at, first_message_id, linked_at)
                values (:conversation, :contact, :company, :subject, :sent, :message, :now)""")
                .param("conversation", conversationId).param("contact", contactId).param("company", companyId)
                .param("subject", subject.length() > 1000 ? subject.substring(0, 1000) : subject)
                .param("sent", sentAt.atOffset(ZoneOffset.UTC)).param("message", messageId)
                .param("now", now.atOffset(ZoneOffset.UTC)).update();
        return true;
    }

    private boolean linked(long conversationId, long contactId) {
        return jdbc.sql("select count(*) from conversation_customers where conversation_id = :conversation and contact_id = :contact")
                .param("conversation", conversationId).param("contact", contactId).query(Long.class).single() > 0;
    }

    /** The conversation's first linked contact, by the message that linked it. */
    public Optional<Long> customerOfConversation(long conversationId) {
        return jdbc.sql("""
                select contact_id from conversation_customers where conversation_id = :id
                order by first_message_id, linked_at fetch first 1 rows only""")
                .param("id", conversationId).query(Long.class).optional();
    }

    /** For list rows: each conversation's company name (of its first-linked contact that has one), by conversation id. */
    public Map<Long, String> companyNamesOfConversations(Collection<Long> conversationIds) {
        var names = new LinkedHashMap<Long, String>();
        jdbc.sql("""
                select l.conversation_id, c.name from conversation_customers l
                join companies c on c.id = l.company_id
                where l.conversation_id in (:ids)
                order by l.conversation_id, l.first_message_id, l.linked_at""")
                .param("ids", List.copyOf(conversationIds))
                .query(rs -> {
                    names.putIfAbsent(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    public List<Long> conversationsOfCompaniesNamed(String text, int limit) {
        return jdbc.sql("""
                select l.conversation_id from conversation_customers l
                join companies c on c.id = l.company_id
                where lower(c.name) like :like escape '\\'
                order by l.last_message_at desc, l.conversation_id desc fetch first :limit rows only""")
                .param("like", like(text)).param("limit", limit)
                .query(Long.class).list();
    }

    /** The contact's conversations now count for its new company (or none). */
    public void relinkCompany(long contactId, @Nullable Long companyId) {
        jdbc.sql("update conversation_customers set company_id = :company where contact_id = :contact")
                .param("company", companyId).param("contact", contactId).update();
    }

    public record Link(long contactId, @Nullable Long companyId, String subject, Instant lastMessageAt, long firstMessageId) {
    }

    public List<Link> linksOf(long conversationId) {
        return jdbc.sql("select * from conversation_customers where conversation_id = :id order by first_message_id")
                .param("id", conversationId)
                .query((rs, n) -> new Link(rs.getLong("contact_id"), nullableLong(rs, "company_id"), rs.getString("subject"),
                        instant(rs, "last_message_at"), rs.getLong("first_message_id")))
                .list();
    }

    public void deleteLinks(long conversationId) {
        jdbc.sql("delete from conversation_customers where conversation_id = :id").param("id", conversationId).update();
    }

    public List<CustomerConversation> conversationsOf(String column, long id, int limit) {
        return jdbc.sql("""
                select conversation_id, min(subject) as subject, max(last_message_at) as last_message_at
                from conversation_customers where %s = :id
                group by conversation_id order by max(last_message_at) desc fetch first :limit rows only""".formatted(linkColumn(column)))
                .param("id", id).param("limit", limit)
                .query((rs, n) -> new CustomerConversation(rs.getLong("conversation_id"), rs.getString("subject"),
                        instant(rs, "last_message_at")))
                .list();
    }

    // --- search -----------------------------------------------------------------------------

    public List<CustomerHit> searchCompanies(String query, int limit) {
        return jdbc.sql("""
                select c.id, c.name, c.relationship from companies c
                where c.merged_into is null and (:q = '' or lower(c.name) like :like escape '\\'
                   or exists (select 1 from company_domains d where d.company_id = c.id and d.domain like :like escape '\\'))
                order by lower(c.name), c.id fetch first :limit rows only""")
                .param("q", query).param("like", like(query)).param("limit", limit)
                .query((rs, n) -> new CustomerHit(CustomerRef.company(rs.getLong("id")), rs.getString("name"),
                        String.join(", ", domainsOf(rs.getLong("id"))), Relationship.parse(rs.getString("relationship"))))
                .list();
    }

    public List<CustomerHit> searchContacts(String query, int limit) {
        return jdbc.sql("""
                select p.id, p.name, p.relationship, c.name as company_name from contacts p
                left join companies c on c.id = p.company_id
                where p.merged_into is null and (:q = '' or lower(p.name) like :like escape '\\'
                   or exists (select 1 from contact_emails e where e.contact_id = p.id and e.address like :like escape '\\'))
                order by lower(p.name), p.id fetch first :limit rows only""")
                .param("q", query).param("like", like(query)).param("limit", limit)
                .query((rs, n) -> {
                    var emails = String.join(", ", emailsOf(rs.getLong("id")));
                    var company = rs.getString("company_name");
                    return new CustomerHit(CustomerRef.contact(rs.getLong("id")), rs.getString("name"),
                            company == null ? emails : emails + " · " + company, Relationship.parse(rs.getString("relationship")));
                })
                .list();
    }

    // --- mapping ----------------------------------------------------------------------------

    private static CompanyView company(ResultSet rs, List<String> domains) throws SQLException {
        return new CompanyView(rs.getLong("id"), rs.getString("name"), domains, rs.getString("address"),
                rs.getString("notes"), Relationship.parse(rs.getString("relationship")), instant(rs, "created_at"),
                rs.getInt("version"));
    }

    private static ContactView contact(ResultSet rs, List<String> emails) throws SQLException {
        return new ContactView(rs.getLong("id"), rs.getString("name"), emails, rs.getString("phone"),
                nullableLong(rs, "company_id"), rs.getString("company_name"), rs.getString("source"),
                Relationship.parse(rs.getString("relationship")), rs.getString("notes"), instant(rs, "created_at"),
                rs.getInt("version"));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        var value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static String like(String query) {
        var escaped = query.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    /** Table names come only from this fixed list. */
    private static String table(String table) {
        return switch (table) {
            case "contacts", "companies" -> table;
            default -> throw new IllegalArgumentException(table);
        };
    }

    private static String linkColumn(String column) {
        return switch (column) {
            case "contact_id", "company_id" -> column;
            default -> throw new IllegalArgumentException(column);
        };
    }
}
