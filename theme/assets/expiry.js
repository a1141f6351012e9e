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
    var article = document.querySelector("article[data-ends]");
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
