/* CongKhai expiry guard: a stale copy of the site never presents an ended notice as current.
   Listed notices whose end has passed are hidden; an ended notice page shows a banner.
   No dependencies. Without JavaScript every page is correct as of its build. */
(function () {
  "use strict";
  function check() {
    var now = Date.now();
    var items = document.querySelectorAll("li[data-ends]");
    for (var i = 0; i < items.length; i++) {
      var end = Date.parse(items[i].getAttribute("data-ends"));
      if (!isNaN(end) && now >= end) {
        items[i].hidden = true;
        items[i].setAttribute("data-expired", "");
      }
    }
    // A list whose every item has ended: a listing says there is nothing being posted any more;
    // a side section (withdrawals, the same project's notices) disappears with its heading.
    var lists = document.querySelectorAll("ul");
    for (var j = 0; j < lists.length; j++) {
      var list = lists[j];
      var entries = list.querySelectorAll(":scope > li[data-ends]");
      if (!entries.length) { continue; }
      var shown = 0;
      for (var k = 0; k < entries.length; k++) { if (!entries[k].hidden) { shown++; } }
      var message = list.getAttribute("data-empty");
      if (message) {
        var note = list.nextElementSibling;
        if (shown === 0 && !(note && note.classList.contains("empty-now"))) {
          note = document.createElement("p");
          note.className = "empty-now";
          note.textContent = message;
          list.parentNode.insertBefore(note, list.nextSibling);
        }
      } else if (shown === 0) {
        var section = list.closest("section");
        if (section && !section.querySelector("article")) { section.hidden = true; }
      }
    }
    var article = document.querySelector("article[data-ends]");
    // Days left on a notice page, from the absolute end in the markup (the page itself does not
    // change from day to day; without JavaScript it shows the absolute dates only). The last
    // day is counted in the offset written in `data-ends` (the site's zone, e.g. +07:00).
    var left = article && document.querySelector(".days-left");
    if (left) {
      var stamp = article.getAttribute("data-ends") || "";
      var endsAt = Date.parse(stamp);
      var zone = /([+-])(\d\d):(\d\d)$/.exec(stamp);
      if (!isNaN(endsAt) && zone) {
        var offset = (zone[1] === "-" ? -1 : 1) * (parseInt(zone[2], 10) * 60 + parseInt(zone[3], 10)) * 60000;
        var day = 86400000;
        var days = Math.floor((endsAt - 1 + offset) / day) - Math.floor((now + offset) / day);
        var box = left.parentNode;
        if (now < endsAt && days >= 0) {
          left.textContent = days === 0 ? left.getAttribute("data-last-day")
            : (left.getAttribute("data-left") || "").replace("{n}", String(days));
          box.hidden = false;
        } else {
          box.hidden = true;
        }
      }
    }
    if (article) {
      var ends = Date.parse(article.getAttribute("data-ends"));
      var banner = document.querySelector(".expired-banner");
      if (!isNaN(ends) && now >= ends && banner && banner.hidden) {
        banner.textContent = (banner.getAttribute("data-template") || "")
          .replace("{date}", article.getAttribute("data-last") || "");
        banner.hidden = false;
        document.documentElement.classList.add("notice-ended");
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
  setInterval(check, 60000);
})();
