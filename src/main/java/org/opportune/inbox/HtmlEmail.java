package org.opportune.inbox;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Turns an email's HTML, which is hostile input, into a document that can do nothing but be read: an
 * allow-list of tags and attributes (no script, style, form, frame, object, SVG, meta or event
 * handler survives), links only to http, https and mailto that open outside the page, inline images
 * by Content-ID from our own server, and remote images removed unless the reader asked for them.
 * Quoted history (blockquotes, Gmail and Outlook quote blocks) is folded into a {@code <details>}.
 * The frame that shows the result is sandboxed and has its own Content-Security-Policy as well.
 */
final class HtmlEmail {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("font", "center", "hr", "details", "summary")
            .addAttributes(":all", "align", "valign", "bgcolor", "dir", "width", "height")
            .addAttributes("table", "border", "cellpadding", "cellspacing")
            .addAttributes("td", "colspan", "rowspan", "nowrap")
            .addAttributes("th", "colspan", "rowspan")
            .addAttributes("font", "color", "size")
            .addAttributes("a", "rel", "target")
            .addProtocols("img", "src", "http", "https", "cid", "data")
            .removeProtocols("a", "href", "ftp")
            .preserveRelativeLinks(false);

    private static final Set<String> DATA_IMAGE_TYPES = Set.of("data:image/png", "data:image/jpeg", "data:image/gif",
            "data:image/webp");

    /** The sanitised document and how many remote images were held back. */
    record Result(String html, int blockedImages) {
    }

    private HtmlEmail() {
    }

    /**
     * @param inlineImages Content-ID (without angle brackets, lower case) → the URL that serves that part
     * @param loadImages   whether the reader asked to load remote images
     */
    static Result sanitise(String html, Map<String, String> inlineImages, boolean loadImages) {
        var dirty = Jsoup.parse(html);
        // A <base> would make relative links and images absolute on the sender's site: forget it.
        dirty.select("base").remove();
        dirty.setBaseUri("");
        var clean = new Cleaner(SAFELIST).clean(dirty);
        var blocked = 0;
        for (var image : clean.select("img")) {
            var src = image.attr("src").strip();
            var lower = src.toLowerCase(Locale.ROOT);
            if (src.isEmpty()) {
                image.removeAttr("src");
            } else if (lower.startsWith("cid:")) {
                var url = inlineImages.get(lower.substring(4).replaceAll("^<|>$", ""));
                if (url == null) {
                    image.removeAttr("src");
                } else {
                    image.attr("src", url);
                }
            } else if (lower.startsWith("data:")) {
                if (DATA_IMAGE_TYPES.stream().noneMatch(lower::startsWith)) {
                    image.removeAttr("src");
                }
            } else if (!loadImages) {
                image.removeAttr("src");
                image.attr("alt", image.attr("alt").isBlank() ? "[image not loaded]" : image.attr("alt"));
                blocked++;
            }
        }
        for (var link : clean.select("a[href]")) {
            link.attr("target", "_blank");
            link.attr("rel", "noopener noreferrer nofollow");
        }
        foldQuotes(clean);
        return new Result(document(clean.body().html()), blocked);
    }

    private static void foldQuotes(Document document) {
        for (var quote : document.select("blockquote, div.gmail_quote, div#divRplyFwdMsg, div#appendonsend")) {
            if (quote.parents().stream().anyMatch(p -> "details".equals(p.tagName()))) {
                continue;
            }
            var details = new Element("details");
            details.appendElement("summary").text("Show quoted text");
            quote.before(details);
            details.appendChild(quote);
        }
    }

    private static String document(String body) {
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><link rel="stylesheet" href="/css/mail-frame.css"></head>
                <body>%s</body></html>""".formatted(body);
    }
}
