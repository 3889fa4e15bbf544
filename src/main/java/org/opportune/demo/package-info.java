/**
 * The demo: with {@code --demo} (or {@code opportune.demo.enabled=true}) Opportune starts a built-in
 * IMAP and SMTP server on loopback, fills the demo company's shared mailboxes ({@code sales@} and
 * {@code info@}) with realistic mail from {@code demo/mail.yml}, and creates one demo user for each
 * role, the one customer it had before the mail (The Copper Kettle), and a few opportunities at different
 * stages when the pipeline is empty (each made from its conversation once the demo mail is threaded, and
 * the conversation given to the deal's owner), signatures, mailbox footers and two reply templates. It
 * publishes and consumes no events; it only calls the {@code identity}, {@code mail}, {@code conversation},
 * {@code customer}, {@code opportunity} and {@code compose} facades.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"identity", "mail", "conversation", "customer", "opportunity", "compose", "shared"})
package org.opportune.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
