package org.opportune.customer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.opportune.mail.MessageView.MessageAddress;

/**
 * Decides who a message links its conversation to, before anything is looked up: the external sender;
 * for mail we sent (from one of our domains), its external recipients and Reply-To (a web form sends
 * as us and replies to the customer). Machines (bounces, no-reply) and our own addresses are nobody's
 * customer. No Spring, no database.
 */
public final class SenderMatching {

    /** Mail to a crowd is not a conversation with each of them. */
    public static final int MAX_PARTIES = 10;

    private final Domains domains;

    public SenderMatching(Domains domains) {
        this.domains = domains;
    }

    /**
     * Someone to link.
     *
     * @param companyDomain the registrable domain a company would be created under, or null for free mail
     * @param companyName   the name that company would get
     * @param lookupDomains the domains to find an existing company by, most specific first (empty for free mail)
     */
    public record Party(String address, String name, @Nullable String companyDomain, @Nullable String companyName,
            List<String> lookupDomains) {
    }

    public List<Party> parties(String fromAddress, @Nullable String fromName, List<MessageAddress> addresses, Set<String> ownDomains) {
        return parties(fromAddress, fromName, addresses, ownDomains, null);
    }

    /** {@link #parties} with the message's plain text, where a signature can name the company properly. */
    public List<Party> parties(String fromAddress, @Nullable String fromName, List<MessageAddress> addresses, Set<String> ownDomains,
            @Nullable String text) {
        var from = Domains.normalise(fromAddress);
        if (!isAddress(from)) {
            return List.of();
        }
        if (!Domains.isOwn(Domains.domainOf(from), ownDomains)) {
            var party = party(from, fromName, ownDomains, text);
            return party == null ? List.of() : List.of(party);
        }
        var byAddress = new LinkedHashMap<String, Party>();
        for (var address : addresses) {
            if (address.kind().equals("FROM") || byAddress.size() >= MAX_PARTIES) {
                continue;
            }
            var normalised = Domains.normalise(address.address());
            if (isAddress(normalised) && !byAddress.containsKey(normalised)) {
                var party = party(normalised, address.name(), ownDomains, text);
                if (party != null) {
                    byAddress.put(normalised, party);
                }
            }
        }
        return new ArrayList<>(byAddress.values());
    }

    /** The party for one external address, or null for our own addresses and machines. */
    public @Nullable Party party(String address, @Nullable String name, Set<String> ownDomains) {
        return party(address, name, ownDomains, null);
    }

    private @Nullable Party party(String address, @Nullable String name, Set<String> ownDomains, @Nullable String text) {
        var domain = Domains.domainOf(address);
        if (Domains.isOwn(domain, ownDomains) || domains.isAutomated(address)) {
            return null;
        }
        var personName = Domains.personName(name, address);
        if (domains.isFreeMail(domain)) {
            return new Party(address, personName, null, null, List.of());
        }
        return new Party(address, personName, Domains.registrable(domain), Domains.companyName(domain, name, text),
                Domains.lookupChain(domain));
    }

    private static boolean isAddress(String address) {
        var at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1 && address.length() <= 320;
    }
}
