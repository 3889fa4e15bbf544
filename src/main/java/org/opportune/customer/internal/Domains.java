package org.opportune.customer.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.opportune.customer.CustomerProperties;

/**
 * What a mail address tells about its sender: its domain, whether that is a free-mail provider, ours,
 * or a machine's, and a readable name for a company or person when nobody typed one. No Spring.
 */
public final class Domains {

    /** Second-level labels under which a country code's registrable domains sit, as in {@code example.co.uk}. */
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc",
            "or", "ne", "go", "gv", "nom", "asn", "id");
    private static final Pattern WORD_SPLIT = Pattern.compile("[-_.+]+");

    private final List<String> freeMail;
    private final List<String> automated;

    public Domains(Collection<String> freeMailDomains, Collection<String> automatedSenders) {
        this.freeMail = freeMailDomains.stream().map(Domains::normalise).filter(d -> !d.isEmpty()).toList();
        this.automated = automatedSenders.stream().map(Domains::normalise).filter(d -> !d.isEmpty()).toList();
    }

    public static Domains of(CustomerProperties properties) {
        return new Domains(properties.freeMailDomains(), properties.automatedSenders());
    }

    /** The part after the last {@code @}, lower case; empty when there is none. */
    public static String domainOf(String address) {
        var at = address.lastIndexOf('@');
        return at < 0 ? "" : normalise(address.substring(at + 1));
    }

    public static String localPartOf(String address) {
        var at = address.lastIndexOf('@');
        return normalise(at < 0 ? address : address.substring(0, at));
    }

    public static String normalise(@Nullable String text) {
        if (text == null) {
            return "";
        }
        var value = text.strip().toLowerCase(Locale.ROOT);
        while (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }

    /** True for a domain of a free-mail provider, such as {@code gmail.com} or {@code gmx.at}. */
    public boolean isFreeMail(String domain) {
        var d = normalise(domain);
        for (var pattern : freeMail) {
            if (pattern.endsWith(".*")) {
                var prefix = pattern.substring(0, pattern.length() - 1);
                if (d.startsWith(prefix) && d.length() > prefix.length()) {
                    return true;
                }
            } else if (d.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** True for an address of a machine: bounces, postmasters, no-reply senders. */
    public boolean isAutomated(String address) {
        var local = localPartOf(address);
        for (var pattern : automated) {
            if (pattern.endsWith("*") ? local.startsWith(pattern.substring(0, pattern.length() - 1)) : local.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** True when the domain is one of ours or below one of ours ({@code mx1.example.com} under {@code example.com}). */
    public static boolean isOwn(String domain, Set<String> ownDomains) {
        var d = normalise(domain);
        return ownDomains.stream().map(Domains::normalise).filter(o -> !o.isEmpty())
                .anyMatch(own -> d.equals(own) || d.endsWith("." + own));
    }

    /**
     * The domain a company is registered under, without host labels: {@code mail.northwind.co.uk} gives
     * {@code northwind.co.uk}.
     */
    public static String registrable(String domain) {
        var labels = normalise(domain).split("\\.");
        if (labels.length <= 2) {
            return normalise(domain);
        }
        var tld = labels[labels.length - 1];
        var second = labels[labels.length - 2];
        var keep = tld.length() == 2 && SECOND_LEVEL.contains(second) ? 3 : 2;
        if (labels.length <= keep) {
            return normalise(domain);
        }
        return String.join(".", List.of(labels).subList(labels.length - keep, labels.length));
    }

    /** The domain and every parent down to the registrable one, most specific first: how a company is looked up. */
    public static List<String> lookupChain(String domain) {
        var d = normalise(domain);
        var stop = registrable(d);
        var chain = new java.util.ArrayList<String>();
        chain.add(d);
        while (!d.equals(stop) && d.contains(".")) {
            d = d.substring(d.indexOf('.') + 1);
            chain.add(d);
        }
        return chain;
    }

    /**
     * A company name from the sender's display name when some of its words spell the domain
     * ({@code Severn Timber Merchants Accounts} at {@code severntimber.example} gives {@code Severn Timber}),
     * else from the domain alone.
     */
    public static String companyName(String domain, @Nullable String displayName) {
        return companyName(domain, displayName, null);
    }

    /**
     * A company name from words that spell the domain: in the sender's display name first, then in a
     * line of the message's text, such as the signature's {@code Purchasing Manager, Hotel Marlowe} at
     * {@code hotelmarlowe.example}; else from the domain alone ({@code Hotelmarlowe}). Quoted lines
     * ({@code >}) are skipped, and only the first {@value #TEXT_LINES} lines are read.
     */
    public static String companyName(String domain, @Nullable String displayName, @Nullable String text) {
        var label = label(domain).replaceAll("[^a-z0-9]", "");
        if (!label.isEmpty()) {
            var spelled = displayName == null ? null : spelling(label, displayName);
            if (spelled == null && text != null) {
                spelled = text.lines().limit(TEXT_LINES).filter(line -> !line.stripLeading().startsWith(">"))
                        .filter(line -> line.length() <= 200)
                        .map(line -> spelling(label, line)).filter(Objects::nonNull).findFirst().orElse(null);
            }
            if (spelled != null) {
                return spelled;
            }
        }
        return companyName(domain);
    }

    private static final int TEXT_LINES = 400;

    /** The words of {@code line} that, joined without spaces and punctuation, are the domain's label; or null. */
    private static @Nullable String spelling(String label, String line) {
        var words = line.strip().split("\\s+");
        for (int from = 0; from < words.length; from++) {
            var joined = new StringBuilder();
            for (int to = from; to < words.length; to++) {
                joined.append(words[to].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
                if (joined.toString().equals(label)) {
                    return String.join(" ", List.of(words).subList(from, to + 1)).replaceAll("^[(\\[]+|[,;:.)\\]]+$", "");
                }
                if (!label.startsWith(joined.toString())) {
                    break;
                }
            }
        }
        return null;
    }

    private static String label(String domain) {
        var registrable = registrable(domain);
        var dot = registrable.indexOf('.');
        return dot < 0 ? registrable : registrable.substring(0, dot);
    }

    /** A company name from its domain: {@code northwind-traders.com} gives {@code Northwind Traders}. */
    public static String companyName(String domain) {
        var registrable = registrable(domain);
        var dot = registrable.indexOf('.');
        var label = dot < 0 ? registrable : registrable.substring(0, dot);
        if (label.isEmpty()) {
            return domain;
        }
        return words(label);
    }

    /**
     * A person's name from what the From header says, or from the address when it says nothing:
     * {@code hannah.price@…} gives {@code Hannah Price}.
     */
    public static String personName(@Nullable String displayName, String address) {
        var name = displayName == null ? "" : displayName.strip();
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"") || name.startsWith("'") && name.endsWith("'"))) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (!name.isEmpty() && !name.equalsIgnoreCase(address) && !name.contains("@")) {
            return name.length() > 200 ? name.substring(0, 200) : name;
        }
        var local = localPartOf(address);
        return local.isEmpty() ? address : words(local);
    }

    private static String words(String text) {
        var out = new StringBuilder();
        for (var word : WORD_SPLIT.split(text)) {
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.length() == 0 ? text : out.toString();
    }
}
