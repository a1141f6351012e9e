/* CongKhai search: offline once loaded, diacritic-insensitive ("boi thuong" finds "bồi thường",
   "d" finds "đ"), title matches first. Index: search.json (published notices only). */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var typeSelect = form.querySelector("select[name=loai]");
  var communeSelect = form.querySelector("select[name=xa]");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var docs = null;

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u0111/g, "d");
  }
  function words(s) { return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }
  function tokens(d, key) {
    var cache = "_" + key;
    if (!d[cache]) { d[cache] = d[key] ? d[key].split(" ") : []; }
    return d[cache];
  }
  function has(list, term) {
    for (var i = 0; i < list.length; i++) { if (list[i].lastIndexOf(term, 0) === 0) { return list[i] === term ? 2 : 1; } }
    return 0;
  }
  function score(d, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = has(tokens(d, "kt"), terms[i]);
      if (t) { total += 10 * t; continue; }
      var m = has(tokens(d, "km"), terms[i]);
      if (m) { total += 4 * m; continue; }
      var b = has(tokens(d, "kb"), terms[i]);
      if (b) { total += b; continue; }
      return -1;
    }
    return total;
  }
  function say(key, n) {
    status.textContent = (form.getAttribute("data-" + key) || "").replace("{n}", String(n));
  }
  function run() {
    if (!docs) { return; }
    var terms = words(input.value);
    var type = typeSelect ? typeSelect.value : "";
    var commune = communeSelect ? communeSelect.value : "";
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!terms.length && !type && !commune) { say("hint", 0); return; }
    var now = Date.now();
    var hits = [];
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i];
      if ((type && d.y !== type) || (commune && d.c !== commune) || Date.parse(d.e) <= now) { continue; }
      var s = terms.length ? score(d, terms) : 0;
      if (s >= 0) { hits.push([s, d]); }
    }
    hits.sort(function (a, b) { return b[0] - a[0] || (a[1].s < b[1].s ? 1 : a[1].s > b[1].s ? -1 : 0); });
    for (var j = 0; j < hits.length; j++) {
      var doc = hits[j][1];
      var li = document.createElement("li");
      li.className = "notice-item";
      var h = document.createElement("h2");
      h.className = "notice-title";
      var a = document.createElement("a");
      a.href = doc.u;
      a.textContent = doc.t;
      h.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "notice-meta";
      meta.textContent = doc.m;
      var period = document.createElement("p");
      period.className = "notice-period";
      period.textContent = doc.p;
      li.appendChild(h);
      li.appendChild(meta);
      li.appendChild(period);
      list.appendChild(li);
    }
    say(hits.length ? "found" : "none", hits.length);
    if (window.history && history.replaceState) {
      var params = new URLSearchParams();
      if (input.value) { params.set("q", input.value); }
      if (type) { params.set("loai", type); }
      if (commune) { params.set("xa", commune); }
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    }
  }
  var initial = new URLSearchParams(location.search);
  if (initial.get("q")) { input.value = initial.get("q"); }
  if (typeSelect && initial.get("loai")) { typeSelect.value = initial.get("loai"); }
  if (communeSelect && initial.get("xa")) { communeSelect.value = initial.get("xa"); }
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  input.addEventListener("input", run);
  if (typeSelect) { typeSelect.addEventListener("change", run); }
  if (communeSelect) { communeSelect.addEventListener("change", run); }
  say("loading", 0);
  fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (json) {
    docs = json.notices || [];
    form.setAttribute("data-ready", "");
    run();
  }).catch(function () { say("error", 0); });
})();
