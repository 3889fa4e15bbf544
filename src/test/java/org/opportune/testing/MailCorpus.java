package org.opportune.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A deterministic, realistic mail corpus for crash tests and benchmarks: sales threads of 1 to 30
 * messages (In-Reply-To and References), plain text, multipart/alternative text + HTML and
 * multipart/mixed with small PDF or CSV attachments, in English, German, French, Spanish, Japanese
 * (ISO-2022-JP) and Russian (KOI8-R or UTF-8), quoted-printable and base64. The same seed and size
 * always give the same bytes, so every Message-ID is known in advance.
 */
public final class MailCorpus {

    /** One generated message: its Message-ID (without angle brackets) and its raw bytes. */
    public record Mail(String messageId, byte[] raw) {
    }

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MBOX_DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset KOI8_R = Charset.forName("KOI8-R");
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    private enum Language {
        EN(List.of("Quote for %d units", "Delivery date for order %d", "Question about invoice %d", "Renewal of contract %d"),
                List.of("Thank you for your quick reply.", "Could you send us an updated quote?",
                        "We would like to order the larger package.", "The delivery should arrive before the end of the month.",
                        "Please find the figures attached.", "Our budget has been approved for this quarter.",
                        "Can we schedule a call on Thursday afternoon?", "The invoice address has changed, see below.")),
        DE(List.of("Angebot über %d Stück", "Liefertermin für Auftrag %d", "Rückfrage zur Rechnung %d", "Verlängerung Vertrag %d"),
                List.of("Vielen Dank für Ihre schnelle Rückmeldung.", "Könnten Sie uns ein aktualisiertes Angebot schicken?",
                        "Wir möchten das größere Paket bestellen.", "Die Lieferung sollte vor Monatsende eintreffen.",
                        "Anbei finden Sie die Zahlen.", "Unser Budget für dieses Quartal ist genehmigt.",
                        "Können wir am Donnerstagnachmittag telefonieren?", "Die Rechnungsanschrift hat sich geändert.")),
        FR(List.of("Devis pour %d unités", "Date de livraison de la commande %d", "Question sur la facture %d", "Renouvellement du contrat %d"),
                List.of("Merci pour votre réponse rapide.", "Pourriez-vous nous envoyer un devis mis à jour ?",
                        "Nous souhaitons commander le forfait supérieur.", "La livraison devrait arriver avant la fin du mois.",
                        "Veuillez trouver les chiffres ci-joints.", "Notre budget a été approuvé pour ce trimestre.",
                        "Pouvons-nous prévoir un appel jeudi après-midi ?", "L'adresse de facturation a changé.")),
        ES(List.of("Presupuesto para %d unidades", "Fecha de entrega del pedido %d", "Pregunta sobre la factura %d", "Renovación del contrato %d"),
                List.of("Gracias por su rápida respuesta.", "¿Podrían enviarnos un presupuesto actualizado?",
                        "Queremos pedir el paquete más grande.", "La entrega debería llegar antes de fin de mes.",
                        "Adjunto encontrará las cifras.", "Nuestro presupuesto para este trimestre está aprobado.",
                        "¿Podemos hablar el jueves por la tarde?", "La dirección de facturación ha cambiado.")),
        JA(List.of("%d台のお見積もり", "注文%dの納期について", "請求書%dについての質問", "契約%dの更新"),
                List.of("早速のご返信ありがとうございます。", "最新のお見積もりをお送りいただけますか。",
                        "大きいパッケージを注文したいと思います。", "月末までに納品をお願いします。",
                        "資料を添付いたします。", "今期の予算が承認されました。",
                        "木曜日の午後にお電話できますか。", "請求先住所が変更になりました。")),
        RU(List.of("Коммерческое предложение на %d штук", "Срок поставки заказа %d", "Вопрос по счёту %d", "Продление договора %d"),
                List.of("Спасибо за быстрый ответ.", "Не могли бы вы прислать обновлённое предложение?",
                        "Мы хотели бы заказать расширенный пакет.", "Поставка должна прийти до конца месяца.",
                        "Цифры во вложении.", "Наш бюджет на этот квартал утверждён.",
                        "Можем ли мы созвониться в четверг после обеда?", "Адрес для счетов изменился."));

        final List<String> subjects;
        final List<String> sentences;

        Language(List<String> subjects, List<String> sentences) {
            this.subjects = subjects;
            this.sentences = sentences;
        }
    }

    private final long seed;
    private final Random random;
    private Instant clock = Instant.parse("2024-01-08T08:00:00Z");
    private int threadNumber;

    private MailCorpus(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Calls {@code sink} for {@code count} messages, thread by thread (a thread's messages in order). */
    public static void generate(long seed, int count, Consumer<Mail> sink) {
        var corpus = new MailCorpus(seed);
        int produced = 0;
        while (produced < count) {
            var thread = corpus.thread(Math.min(count - produced, corpus.threadSize()));
            for (var mail : thread) {
                sink.accept(mail);
            }
            produced += thread.size();
        }
    }

    public static List<Mail> generate(long seed, int count) {
        var mails = new ArrayList<Mail>(count);
        generate(seed, count, mails::add);
        return mails;
    }

    /** Writes the messages as one mbox file (mboxrd escaping of body lines that start with "From "). */
    public static void writeMbox(List<Mail> mails, Path file) throws IOException {
        try (var out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (var mail : mails) {
                writeMboxEntry(mail, out);
            }
        }
    }

    public static void writeMboxEntry(Mail mail, OutputStream out) throws IOException {
        out.write(("From sender@corpus.example " + MBOX_DATE.format(Instant.parse("2024-01-08T08:00:00Z")) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        var text = new String(mail.raw(), LATIN_1).replace("\r\n", "\n");
        for (var line : text.split("\n", -1)) {
            if (line.matches("^>*From .*")) {
                out.write('>');
            }
            out.write(line.getBytes(LATIN_1));
            out.write('\n');
        }
    }

    /** Writes each message as {@code NNNNNN.eml} into the directory. */
    public static void writeEmls(List<Mail> mails, Path directory) throws IOException {
        Files.createDirectories(directory);
        int n = 0;
        for (var mail : mails) {
            Files.write(directory.resolve(String.format(Locale.ROOT, "%06d.eml", ++n)), mail.raw());
        }
    }

    /** 1 to 30, most threads short: about half are single messages. */
    private int threadSize() {
        var r = random.nextDouble();
        if (r < 0.45) {
            return 1;
        }
        if (r < 0.80) {
            return 2 + random.nextInt(4);
        }
        if (r < 0.95) {
            return 6 + random.nextInt(10);
        }
        return 16 + random.nextInt(15);
    }

    private List<Mail> thread(int size) {
        threadNumber++;
        var language = Language.values()[random.nextInt(Language.values().length)];
        var subject = String.format(Locale.ROOT, pick(language.subjects), 10 + random.nextInt(990));
        var customer = "buyer" + random.nextInt(5000) + "@customer" + random.nextInt(800) + ".example";
        var customerName = pick(List.of("Anna Schmidt", "Jean Dupont", "María García", "John Miller", "田中 太郎", "Иван Петров"));
        var rep = "sales@opportune.example";
        var mails = new ArrayList<Mail>(size);
        var ids = new ArrayList<String>();
        String previousBody = null;
        for (int i = 0; i < size; i++) {
            clock = clock.plusSeconds(30 + random.nextInt(7200));
            var fromCustomer = i % 2 == 0;
            var id = "t" + threadNumber + "." + i + "." + Long.toHexString(seed) + "@" + (fromCustomer ? customer.substring(customer.indexOf('@') + 1) : "opportune.example");
            var body = body(language, previousBody);
            var raw = message(language, id, ids, i == 0 ? subject : replyPrefix(language) + subject,
                    fromCustomer ? customer : rep, fromCustomer ? customerName : "Sales Team", fromCustomer ? rep : customer, body);
            mails.add(new Mail(id, raw));
            ids.add(id);
            previousBody = body;
        }
        return mails;
    }

    private String replyPrefix(Language language) {
        return switch (language) {
            case DE -> "AW: ";
            case FR, ES, EN, JA, RU -> "Re: ";
        };
    }

    private String body(Language language, String quoted) {
        var text = new StringBuilder();
        int sentences = 3 + random.nextInt(10);
        for (int i = 0; i < sentences; i++) {
            text.append(pick(language.sentences)).append(i % 3 == 2 ? "\n\n" : " ");
        }
        text.append("\n\n-- \n").append(pick(List.of("Best regards", "Mit freundlichen Grüßen", "Cordialement", "Saludos", "よろしくお願いいたします", "С уважением"))).append('\n');
        if (quoted != null && random.nextBoolean()) {
            text.append('\n');
            quoted.lines().limit(12).forEach(line -> text.append("> ").append(line).append('\n'));
        }
        return text.toString();
    }

    private byte[] message(Language language, String id, List<String> ancestors, String subject, String from,
            String fromName, String to, String body) {
        var charset = charset(language);
        var head = new StringBuilder()
                .append("Return-Path: <").append(from).append(">\r\n")
                .append("Received: from mx").append(random.nextInt(9)).append(".corpus.example by mail.opportune.example; ")
                .append(RFC_5322.format(clock)).append("\r\n")
                .append("From: ").append(encodedWord(fromName, charset)).append(" <").append(from).append(">\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: ").append(encodedWord(subject, charset)).append("\r\n")
                .append("Date: ").append(RFC_5322.format(clock)).append("\r\n")
                .append("Message-ID: <").append(id).append(">\r\n");
        if (!ancestors.isEmpty()) {
            head.append("In-Reply-To: <").append(ancestors.get(ancestors.size() - 1)).append(">\r\n");
            head.append("References:");
            for (var ancestor : ancestors.subList(Math.max(0, ancestors.size() - 10), ancestors.size())) {
                head.append("\r\n <").append(ancestor).append('>');
            }
            head.append("\r\n");
        }
        head.append("MIME-Version: 1.0\r\n");
        var kind = random.nextInt(100);
        var out = new ByteArrayOutputStream(4096);
        write(out, head.toString());
        if (kind < 40) {
            textPart(out, "text/plain", body, charset);
        } else if (kind < 85) {
            alternative(out, body, charset);
        } else {
            var boundary = "mixed-" + Long.toHexString(random.nextLong());
            write(out, "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\nThis is a multi-part message in MIME format.\r\n");
            write(out, "--" + boundary + "\r\n");
            alternative(out, body, charset);
            write(out, "\r\n--" + boundary + "\r\n");
            attachment(out);
            write(out, "\r\n--" + boundary + "--\r\n");
        }
        return out.toByteArray();
    }

    private void alternative(ByteArrayOutputStream out, String body, Charset charset) {
        var boundary = "alt-" + Long.toHexString(random.nextLong());
        write(out, "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n");
        write(out, "--" + boundary + "\r\n");
        textPart(out, "text/plain", body, charset);
        write(out, "\r\n--" + boundary + "\r\n");
        var html = new StringBuilder("<html><head><meta charset=\"" + charset.name() + "\"></head><body>");
        for (var paragraph : body.split("\n\n")) {
            html.append("<p>").append(paragraph.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\n", "<br>")).append("</p>\n");
        }
        html.append("</body></html>\n");
        textPart(out, "text/html", html.toString(), charset);
        write(out, "\r\n--" + boundary + "--\r\n");
    }

    private void textPart(ByteArrayOutputStream out, String type, String text, Charset charset) {
        var bytes = text.replace("\n", "\r\n").getBytes(charset);
        if (charset.equals(ISO_2022_JP)) {
            write(out, "Content-Type: " + type + "; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
            out.writeBytes(bytes);
        } else if (isAscii(bytes)) {
            write(out, "Content-Type: " + type + "; charset=" + charset.name() + "\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
            out.writeBytes(bytes);
        } else if (random.nextBoolean()) {
            write(out, "Content-Type: " + type + "; charset=" + charset.name() + "\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
            write(out, quotedPrintable(bytes));
        } else {
            write(out, "Content-Type: " + type + "; charset=" + charset.name() + "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            write(out, Base64.getMimeEncoder().encodeToString(bytes));
        }
        write(out, "\r\n");
    }

    private void attachment(ByteArrayOutputStream out) {
        byte[] content;
        String name;
        String type;
        if (random.nextBoolean()) {
            name = "quote-" + random.nextInt(100000) + ".pdf";
            type = "application/pdf";
            content = pdf("Quote " + random.nextInt(100000), 5 + random.nextInt(30));
        } else {
            name = "figures-" + random.nextInt(100000) + ".csv";
            type = "text/csv";
            var csv = new StringBuilder("item;quantity;price\r\n");
            for (int i = 0, rows = 5 + random.nextInt(60); i < rows; i++) {
                csv.append("item-").append(random.nextInt(1000)).append(';').append(random.nextInt(500)).append(';')
                        .append(random.nextInt(100000) / 100.0).append("\r\n");
            }
            content = csv.toString().getBytes(StandardCharsets.US_ASCII);
        }
        write(out, "Content-Type: " + type + "; name=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n");
        write(out, Base64.getMimeEncoder().encodeToString(content));
        write(out, "\r\n");
    }

    private byte[] pdf(String title, int lines) {
        var text = new StringBuilder("BT /F1 10 Tf 14 TL 56 790 Td\n(" + title + ") Tj T*\n");
        for (int i = 0; i < lines; i++) {
            text.append("(Position ").append(i + 1).append(": ").append(random.nextInt(1000)).append(" x ")
                    .append(random.nextInt(100000) / 100.0).append(" EUR) Tj T*\n");
        }
        text.append("ET");
        var objects = List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream");
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new ArrayList<Integer>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        var xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Charset charset(Language language) {
        return switch (language) {
            case JA -> ISO_2022_JP;
            case RU -> random.nextBoolean() ? KOI8_R : StandardCharsets.UTF_8;
            case DE, FR, ES -> random.nextInt(3) == 0 ? LATIN_1 : StandardCharsets.UTF_8;
            case EN -> StandardCharsets.US_ASCII;
        };
    }

    private String encodedWord(String text, Charset charset) {
        var bytes = text.getBytes(charset);
        if (isAscii(bytes) && !charset.equals(ISO_2022_JP)) {
            return text;
        }
        if (charset.equals(ISO_2022_JP) || random.nextBoolean()) {
            return "=?" + charset.name() + "?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
        }
        var q = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == ' ') {
                q.append('_');
            } else if (c > 32 && c < 127 && c != '=' && c != '?' && c != '_') {
                q.append((char) c);
            } else {
                q.append('=').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return "=?" + charset.name() + "?Q?" + q + "?=";
    }

    private static String quotedPrintable(byte[] bytes) {
        var out = new StringBuilder(bytes.length * 2);
        int column = 0;
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                out.append("\r\n");
                i++;
                column = 0;
                continue;
            }
            String token = (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c)
                    : String.format(Locale.ROOT, "=%02X", c);
            if (column + token.length() > 75) {
                out.append("=\r\n");
                column = 0;
            }
            out.append(token);
            column += token.length();
        }
        return out.toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }
}
