package org.opportune.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.opportune.demo.DemoMessages.Seed;

import static org.assertj.core.api.Assertions.assertThat;

class DemoMailTests {

    private static final Instant NOW = Instant.parse("2025-05-20T12:00:00Z");

    private final DemoMail mail = DemoMail.load();
    private final List<Seed> seeds = new DemoMessages(mail).build(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void seedsAtLeastFortyMessagesToSalesAndInfo() {
        var perMailbox = seeds.stream().flatMap(s -> s.mailboxes().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(seeds).hasSizeGreaterThanOrEqualTo(40);
        assertThat(perMailbox).containsOnlyKeys("sales@harbourlane.example", "info@harbourlane.example");
        assertThat(perMailbox.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(15));
    }

    @Test
    void everyMessageIdIsUniqueAndStableAcrossStarts() {
        var later = new DemoMessages(DemoMail.load()).build(Clock.fixed(NOW.plusSeconds(86_400 * 3), ZoneOffset.UTC));

        var ids = seeds.stream().map(Seed::messageId).toList();

        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(later.stream().map(Seed::messageId).toList()).isEqualTo(ids);
        assertThat(seeds).allSatisfy(s -> assertThat(header(s, "Message-ID")).isEqualTo(s.messageId()));
    }

    @Test
    void datesSpreadOverTheLastThreeWeeksAndRepliesComeAfterWhatTheyAnswer() {
        var byId = seeds.stream().collect(Collectors.toMap(Seed::messageId, Function.identity()));

        assertThat(seeds).allSatisfy(s -> assertThat(s.date()).isBefore(NOW).isAfter(NOW.minusSeconds(86_400 * 22)));
        assertThat(seeds).filteredOn(s -> byId.containsKey(inReplyTo(s)))
                .allSatisfy(s -> assertThat(s.date()).isAfter(byId.get(inReplyTo(s)).date()));
    }

    @Test
    void repliesPointToSeededMessagesAndCarryTheWholeReferencesChain() {
        var ids = seeds.stream().map(Seed::messageId).collect(Collectors.toSet());
        var replies = seeds.stream().filter(s -> ids.contains(inReplyTo(s))).toList();
        var longest = seeds.stream().mapToInt(s -> s.references().size()).max().orElse(0);
        var marlowe = seed("marlowe-oliver-3");

        assertThat(replies).hasSizeGreaterThanOrEqualTo(6);
        assertThat(longest).isGreaterThanOrEqualTo(4);
        assertThat(header(marlowe, "References")).startsWith(seed("rfq-marlowe").messageId())
                .endsWith(seed("marlowe-tom-2").messageId());
        assertThat(header(seed("oakfield-hannah-2"), "In-Reply-To")).isEqualTo(seed("oakfield-priya").messageId());
        assertThat(seed("oakfield-priya").entry().from()).contains("@harbourlane.example");
    }

    @Test
    void coversEveryKindOfMailTheIssueAsksFor() {
        assertThat(seeds).anySatisfy(s -> assertThat(header(s, "List-Unsubscribe")).isNotNull());
        assertThat(seeds).filteredOn(s -> "bulk".equals(header(s, "Precedence"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(seeds).filteredOn(s -> "auto-replied".equals(header(s, "Auto-Submitted"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seeds).anySatisfy(s -> assertThat(text(s)).contains("Sehr geehrte Damen und Herren"));
        assertThat(seeds).anySatisfy(s -> assertThat(text(s)).contains("Bonjour").contains("devis"));
        assertThat(seeds).anySatisfy(s -> assertThat(text(s)).contains("Buenos días").contains("presupuesto"));
        assertThat(seeds).anySatisfy(s -> assertThat(subject(s)).startsWith("Fwd:"));
        assertThat(seeds).anySatisfy(s -> assertThat(s.mailboxes()).hasSize(2));
        assertThat(seeds).anySatisfy(s -> assertThat(s.entry().from()).contains("sam@harbourlane.example"));
        assertThat(seeds).anySatisfy(s -> assertThat(contentType(s)).startsWith("text/html"));
        assertThat(seeds).anySatisfy(s -> assertThat(contentType(s)).contains("multipart/report")
                .contains("report-type=delivery-status"));
        assertThat(seeds).anySatisfy(s -> assertThat(subject(s)).containsIgnoringCase("invoice").doesNotStartWith("Re:"));
        assertThat(seeds).anySatisfy(s -> assertThat(subject(s)).containsIgnoringCase("renewal"));
        assertThat(seeds).anySatisfy(s -> assertThat(subject(s)).containsIgnoringCase("warranty"));
    }

    @Test
    void supplierInvoicesCarryASmallRealPdf() {
        var invoice = text(seed("timber-invoice"));

        assertThat(invoice).contains("Content-Type: application/pdf").contains("filename=Invoice-58812.pdf");
        assertThat(raw(seed("timber-invoice")).length).isLessThan(8_000);
        assertThat(new String(TinyPdf.render(List.of("Total £4,386.00")), StandardCharsets.ISO_8859_1))
                .startsWith("%PDF-1.4").contains("(Total \u00a34,386.00)").endsWith("%%EOF\n");
    }

    @Test
    void displayNamesAndSubjectsOutsideAsciiAreEncoded() {
        var french = text(seed("rfq-fr"));

        assertThat(french.lines().filter(l -> l.startsWith("Subject:")).findFirst().orElseThrow())
                .startsWith("Subject: =?UTF-8?");
    }

    private Seed seed(String key) {
        return seeds.stream().filter(s -> s.entry().key().equals(key)).findFirst().orElseThrow();
    }

    private static String inReplyTo(Seed seed) {
        var value = header(seed, "In-Reply-To");
        return value == null ? "" : value;
    }

    private static String header(Seed seed, String name) {
        try {
            return seed.message().getHeader(name, " ");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(Seed seed) {
        try {
            return seed.message().getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentType(Seed seed) {
        try {
            return seed.message().getContentType();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole message as it goes over the wire, decoded from quoted-printable where it was encoded. */
    private static String text(Seed seed) {
        var wire = new String(raw(seed), StandardCharsets.UTF_8);
        return wire + "\n" + decodedBody(seed.message());
    }

    private static String decodedBody(MimeMessage message) {
        try {
            var content = message.getContent();
            if (content instanceof String string) {
                return string;
            }
            var multipart = (jakarta.mail.Multipart) content;
            var text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i).getContent();
                text.append(part instanceof String s ? s : "").append('\n');
            }
            return text.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] raw(Seed seed) {
        try {
            var out = new ByteArrayOutputStream();
            seed.message().writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
