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
    var reply = document.getElementById("reply-text");
    var lastTold = 0;
    if (reply) {
        reply.addEventListener("input", function () {
            var now = Date.now();
            if (now - lastTold > 20000) { lastTold = now; tell("replying"); }
        });
        reply.addEventListener("blur", function () {
            if (reply.value.trim() === "") { lastTold = 0; tell("viewing"); }
        });
    }
})();
