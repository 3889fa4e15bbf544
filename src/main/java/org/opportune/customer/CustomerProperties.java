package org.opportune.customer;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of customer matching, prefix {@code opportune.customer}.
 *
 * @param freeMailDomains domains of mail providers where a domain says nothing about a company: their
 *                        senders get a contact but never a company. {@code gmx.*} matches gmx under any
 *                        top-level domain ({@code gmx.de}, {@code gmx.co.uk}).
 * @param automatedSenders local parts of senders that are machines, not customers (bounces, no-reply);
 *                        a trailing {@code *} matches any ending
 */
@ConfigurationProperties("opportune.customer")
public record CustomerProperties(
        @DefaultValue({"gmail.com", "googlemail.com", "outlook.*", "hotmail.*", "live.*", "msn.com", "yahoo.*",
                "ymail.com", "rocketmail.com", "aol.*", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.*",
                "pm.me", "tutanota.*", "tuta.io", "zoho.com", "zohomail.*", "mail.com", "email.com", "gmx.*", "web.de",
                "t-online.de", "freenet.de", "arcor.de", "posteo.*", "mailbox.org", "orange.fr", "wanadoo.fr", "free.fr",
                "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "alice.it", "tiscali.*", "btinternet.com",
                "sky.com", "virginmedia.com", "ntlworld.com", "talktalk.net", "blueyonder.co.uk", "seznam.cz",
                "wp.pl", "o2.pl", "onet.pl", "interia.pl", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "yandex.*",
                "ya.ru", "rambler.ru", "qq.com", "163.com", "126.com", "sina.com", "naver.com", "daum.net",
                "hanmail.net", "rediffmail.com", "terra.com.br", "bol.com.br", "uol.com.br", "comcast.net",
                "verizon.net", "att.net", "sbcglobal.net", "cox.net", "bigpond.*", "shaw.ca", "rogers.com"})
        List<String> freeMailDomains,
        @DefaultValue({"mailer-daemon", "postmaster", "noreply*", "no-reply*", "no_reply*", "donotreply*",
                "do-not-reply*", "do_not_reply*", "bounce*", "bounces*", "auto-reply*", "autoreply*", "autoresponder*"})
        List<String> automatedSenders) {
}
