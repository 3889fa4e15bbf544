// The conversation page: load remote images into a message's sandboxed frame only when asked.
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
})();
