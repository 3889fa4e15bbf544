// The inbox: keyboard shortcuts and live refresh. No inline script (CSP); htmx does the fetching.
(function () {
    "use strict";
    var root = document.getElementById("inbox");
    if (!root) { return; }

    function rows() { return Array.prototype.slice.call(document.querySelectorAll(".conversation-row")); }
    function current() { return document.activeElement && document.activeElement.closest ? document.activeElement.closest(".conversation-row") : null; }
    function move(step) {
        var all = rows();
        if (all.length === 0) { return; }
        var index = all.indexOf(current());
        var next = index < 0 ? 0 : Math.max(0, Math.min(all.length - 1, index + step));
        all[next].focus();
    }
    function press(row, key) {
        if (!row) { return; }
        var button = row.querySelector('button[data-key="' + key + '"]');
        if (button) { button.click(); }
    }

    document.addEventListener("keydown", function (event) {
        var target = event.target;
        var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
        if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
        var row = current();
        switch (event.key) {
            case "j": move(1); event.preventDefault(); break;
            case "k": move(-1); event.preventDefault(); break;
            case "Enter": if (row) { window.location.href = row.dataset.href; event.preventDefault(); } break;
            case "c": press(row, "c"); break;
            case "e": press(row, "e"); break;
            case "a": if (row) { window.location.href = row.dataset.href + "#assign-to"; } break;
            case "r": if (row) { window.location.href = row.dataset.href + "#reply"; } break;
            case "/": var search = document.getElementById("q"); if (search) { search.focus(); event.preventDefault(); } break;
            case "?": var dialog = document.getElementById("shortcuts"); if (dialog && dialog.showModal) { dialog.showModal(); } break;
        }
    });

    // Live updates: refresh the list (and its counts) when something changes, at most every 750 ms,
    // and keep the focused row focused.
    var pending = null;
    function refresh() {
        pending = null;
        var list = document.getElementById("conversation-list");
        var url = (list && list.dataset.current) || (window.location.pathname + window.location.search);
        var focusedId = current() ? current().dataset.id : null;
        window.htmx.ajax("GET", url, { target: "#inbox-list", swap: "innerHTML" }).then(function () {
            if (focusedId) {
                var again = document.querySelector('.conversation-row[data-id="' + focusedId + '"]');
                if (again) { again.focus(); }
            }
        });
    }
    if (window.EventSource && root.dataset.stream) {
        var source = new EventSource(root.dataset.stream);
        source.addEventListener("inbox", function () {
            if (!pending) { pending = window.setTimeout(refresh, 750); }
        });
        // a safety net for an update that never reached this page (a LISTEN connection that was down, a proxy
        // that buffers the stream): refresh every 20 s while the tab is visible
        window.setInterval(function () {
            if (!document.hidden && !pending) { pending = window.setTimeout(refresh, 0); }
        }, 20000);
        // after a dropped stream reconnects, changes may have been missed meanwhile: refresh once
        var connectedBefore = false;
        source.addEventListener("ready", function () {
            if (connectedBefore && !pending) { pending = window.setTimeout(refresh, 750); }
            connectedBefore = true;
        });
    }
})();
