// The conversation page: remote images only on request, who else is here, and a warning when a new
// message arrives while you write a reply. No inline script (CSP).
(function () {
    "use strict";
    document.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a.load-images") : null;
        if (!link) { return; }
        var section = link.closest(".message");
        var frame = section ? section.querySelector("iframe.mail-frame") : null;
        if (!frame) { return; }
        event.preventDefault();
        frame.src = link.getAttribute("href");
        link.parentNode.textContent = "Remote images loaded.";
    });

    // Switching the From mailbox swaps the signature at the end of the draft for that mailbox's one. A
    // signature the writer edited by hand is left alone.
    var from = document.getElementById("reply-mailbox");
    if (from) {
        var current = from.options[from.selectedIndex] ? from.options[from.selectedIndex].getAttribute("data-signature") || "" : "";
        from.addEventListener("change", function () {
            var text = document.getElementById("reply-text");
            var chosen = from.options[from.selectedIndex];
            var next = chosen ? chosen.getAttribute("data-signature") || "" : "";
            if (text) {
                var value = text.value.replace(/\r\n/g, "\n").replace(/\s+$/, "");
                if (current !== "" && value.slice(-current.length) === current) {
                    var head = value.slice(0, value.length - current.length).replace(/\s+$/, "");
                    text.value = next === "" ? head : head + "\n\n" + next;
                } else if (current === "" && next !== "") {
                    text.value = value + "\n\n" + next;
                }
            }
            current = next;
        });
    }

    var root = document.getElementById("conversation");
    if (!root || !window.EventSource) { return; }
    var id = root.dataset.id;
    var csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    var presence = document.getElementById("presence");
    var source = new EventSource("/conversations/" + id + "/presence");
    source.addEventListener("presence", function (event) {
        if (!presence) { return; }
        var text = event.data === "-" ? "" : event.data;
        presence.textContent = text.split("\n").join(" · ");
        presence.hidden = text === "";
    });
    source.addEventListener("message", function () {
        var reply = document.getElementById("reply-text");
        var notice = document.getElementById("new-activity");
        if (notice) {
            notice.hidden = false;
            if (reply && reply.value.trim() !== "") {
                notice.textContent = "A new message arrived while you were writing — review it before sending (reload to see it; your draft is kept when you send).";
            }
        }
    });

    function tell(state) {
        var body = new URLSearchParams();
        body.set("state", state);
        var headers = { "Content-Type": "application/x-www-form-urlencoded" };
        Object.keys(csrf).forEach(function (name) { headers[name] = csrf[name]; });
        window.fetch("/conversations/" + id + "/presence", { method: "POST", headers: headers, body: body, credentials: "same-origin" });
    }
    // delegated: inserting a template replaces the message field
    var lastTold = 0;
    var untouched = document.getElementById("reply-text") ? document.getElementById("reply-text").value : "";
    document.addEventListener("input", function (event) {
        if (event.target.id !== "reply-text") { return; }
        var now = Date.now();
        if (now - lastTold > 20000) { lastTold = now; tell("replying"); }
    });
    document.addEventListener("focusout", function (event) {
        var reply = event.target;
        if (reply.id !== "reply-text") { return; }
        if (reply.value.trim() === "" || reply.value === untouched) { lastTold = 0; tell("viewing"); }
    });
})();
