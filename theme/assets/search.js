/* CongKhai search: offline once loaded, diacritic-insensitive ("boi thuong" finds "bồi thường",
   "d" finds "đ"). Index: search.json (published notices only; ended ones are dropped here by their
   end instant too, so a stale copy never lists them).

   How a query matches (all words must be found, in the title, the number/type/commune/issuer, or
   the summary and body):
   - a word matches a whole word; only the last word, while it is being typed (no space after it),
     also matches words that start with it; a word of 5 letters or more that is in no notice
     matches the words one typo away (a letter missing, extra, wrong or swapped);
   - the theme's synonym groups (search/synonyms.yaml, folded in the index) work both ways:
     "den bu" also finds "bồi thường", "GPMB" finds "thu hồi đất";
   - Vietnamese words are syllables, so words that follow each other in the query must follow each
     other in the notice to count as a phrase. Only the notices that keep the query in the fewest
     pieces are listed: once a notice has "tái định cư", notices where those syllables are only
     scattered ("tại … định … cưới") are left out; with no phrase anywhere, scattered words do;
   - then notices matching every word whole come before those needing a prefix or a typo, title
     matches before number/type matches before body matches, and newer postings first. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var typeSelect = form.querySelector("select[name=loai]");
  var communeSelect = form.querySelector("select[name=xa]");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var help = document.getElementById("search-help");
  var fewer = document.getElementById("search-fewer");
  var unfilter = document.getElementById("search-unfilter");
  var docs = null;
  var vocabulary = [];
  var known = Object.create(null);
  var synonyms = Object.create(null);
  var longestSynonym = 0;
  var soon = 0;
  var FIELDS = ["kt", "km", "kb"];
  var WEIGHTS = [10, 4, 1];
  var EXACT = 3, SYNONYM = 2.5, PREFIX = 2, TYPO = 1;
  var DAY = 86400000;

  form.hidden = false;

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u0111/g, "d");
  }

  /* The query's folded words; `open` when its last word is still being typed. "số 118": "so"
     before a number is the label, not a word to find. */
  function parse(text) {
    var folded = fold(text);
    var all = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var words = [];
    for (var i = 0; i < all.length; i++) {
      if (all[i] === "so" && i + 1 < all.length && /^\p{N}/u.test(all[i + 1])) { continue; }
      words.push(all[i]);
    }
    return { words: words, open: words.length > 0 && /[\p{L}\p{N}]$/u.test(folded) };
  }

  /* Per notice and field: the words in order and where each word is. */
  function prepare(d) {
    d._w = [];
    d._at = [];
    for (var f = 0; f < FIELDS.length; f++) {
      var words = d[FIELDS[f]] ? d[FIELDS[f]].split(" ") : [];
      var at = Object.create(null);
      for (var p = 0; p < words.length; p++) {
        var w = words[p];
        if (w === ".") { continue; }
        (at[w] || (at[w] = [])).push(p);
        if (!known[w]) { known[w] = true; vocabulary.push(w); }
      }
      d._w.push(words);
      d._at.push(at);
    }
  }

  /* True when a and b differ by one letter missing, added, changed, or two neighbours swapped. */
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (a === b || Math.abs(la - lb) > 1) { return false; }
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) { i++; }
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* The index words a query word stands for, each with how well it matches. */
  function candidates(word, open) {
    var found = Object.create(null);
    var any = false;
    if (known[word]) { found[word] = EXACT; any = true; }
    if (open) {
      for (var i = 0; i < vocabulary.length; i++) {
        var v = vocabulary[i];
        if (v.length > word.length && v.lastIndexOf(word, 0) === 0) { found[v] = PREFIX; any = true; }
      }
    }
    if (!any && word.length >= 5 && /^\p{L}+$/u.test(word)) {
      for (var j = 0; j < vocabulary.length; j++) {
        if (oneEdit(word, vocabulary[j])) { found[vocabulary[j]] = TYPO; }
      }
    }
    return found;
  }

  /* Runs of query words that are a synonym phrase, longest first: [start, end, other phrases]. */
  function spans(words) {
    var result = [];
    var i = 0;
    while (i < words.length) {
      var taken = 0;
      for (var len = Math.min(longestSynonym, words.length - i); len > 0 && !taken; len--) {
        var others = synonyms[words.slice(i, i + len).join(" ")];
        if (others) { result.push([i, i + len, others]); taken = len; }
      }
      i += taken || 1;
    }
    return result;
  }

  function plan(text) {
    var q = parse(text);
    var cands = q.words.map(function (w, i) { return candidates(w, q.open && i === q.words.length - 1); });
    return { words: q.words, cands: cands, spans: spans(q.words) };
  }

  /* How a notice matches the query: null when a word is missing, else how many pieces the query
     falls into in the notice, whether every word was found whole, and a score. Places are
     "field:position" keys; `from[i]` holds where a match of word i (or of a synonym phrase
     standing for words i…) starts, `to[i]` where a match of the words before i ends, each with
     how much a join there counts (1 for whole words, 0.8 for a prefix, a typo or a synonym). */
  function match(d, query) {
    var n = query.words.length;
    var best = [], from = [], to = [], direct = [], inner = [];
    var i, f, p, b, key;
    for (i = 0; i <= n; i++) {
      best.push([0, 0, 0]);
      from.push(Object.create(null));
      to.push(Object.create(null));
      direct.push([0, 0, 0]);
      inner.push(0);
    }
    for (i = 0; i < n; i++) {
      for (f = 0; f < FIELDS.length; f++) {
        var at = d._at[f];
        for (var w in query.cands[i]) {
          var places = at[w];
          if (!places) { continue; }
          var quality = query.cands[i][w];
          var factor = quality === EXACT ? 1 : 0.8;
          if (quality > best[i][f]) { best[i][f] = quality; }
          for (p = 0; p < places.length; p++) {
            key = f + ":" + places[p];
            from[i][key] = Math.max(from[i][key] || 0, factor);
            key = f + ":" + (places[p] + 1);
            to[i + 1][key] = Math.max(to[i + 1][key] || 0, factor);
          }
        }
      }
    }
    // Query words that follow each other in a field, matched word by word.
    for (b = 1; b < n; b++) {
      for (key in from[b]) {
        if (to[b][key]) {
          f = +key.charAt(0);
          direct[b][f] = Math.max(direct[b][f], Math.min(from[b][key], to[b][key]));
        }
      }
    }
    // A synonym phrase stands for its words together; the words themselves, when scattered in a
    // field, count there only as a weak match.
    for (var s = 0; s < query.spans.length; s++) {
      var span = query.spans[s];
      for (f = 0; f < FIELDS.length; f++) {
        var together = true;
        for (b = span[0] + 1; b < span[1]; b++) { if (!direct[b][f]) { together = false; } }
        var found = false;
        var words = d._w[f];
        for (var k = 0; k < span[2].length; k++) {
          var phrase = span[2][k];
          var first = d._at[f][phrase[0]] || [];
          for (p = 0; p < first.length; p++) {
            var start = first[p], m = 1;
            while (m < phrase.length && words[start + m] === phrase[m]) { m++; }
            if (m < phrase.length) { continue; }
            found = true;
            key = f + ":" + start;
            from[span[0]][key] = Math.max(from[span[0]][key] || 0, 0.8);
            key = f + ":" + (start + phrase.length);
            to[span[1]][key] = Math.max(to[span[1]][key] || 0, 0.8);
          }
        }
        for (i = span[0]; i < span[1]; i++) {
          if (!together && best[i][f] > TYPO) { best[i][f] = TYPO; }
          if (found && best[i][f] < SYNONYM) { best[i][f] = SYNONYM; }
          if (found && i > span[0]) { inner[i] = Math.max(inner[i], WEIGHTS[f] * 0.8); }
        }
      }
    }
    var score = 0, whole = true;
    for (i = 0; i < n; i++) {
      var top = Math.max(best[i][0], best[i][1], best[i][2]);
      if (!top) { return null; }
      if (top < SYNONYM) { whole = false; }
      for (f = 0; f < FIELDS.length; f++) { score += WEIGHTS[f] * best[i][f]; }
    }
    var pieces = 1;
    for (b = 1; b < n; b++) {
      var join = inner[b];
      for (key in from[b]) {
        if (to[b][key]) { join = Math.max(join, WEIGHTS[+key.charAt(0)] * Math.min(from[b][key], to[b][key])); }
      }
      if (join) { score += 2 * join; } else { pieces++; }
    }
    return { pieces: pieces, whole: whole, score: score };
  }

  function filtered(type, commune, now) {
    return docs.filter(function (d) {
      return !(type && d.y !== type) && !(commune && d.c !== commune) && Date.parse(d.e) > now;
    });
  }

  /* The notices for a query, best first: only those that keep the query in the fewest pieces
     (given as `pieces` on the list). */
  function find(text, type, commune, now) {
    var query = plan(text);
    var pool = filtered(type, commune, now);
    var hits = [];
    var fewest = Infinity;
    for (var i = 0; i < pool.length; i++) {
      var m = query.words.length ? match(pool[i], query) : { pieces: 1, whole: true, score: 0 };
      if (!m) { continue; }
      hits.push([m, pool[i]]);
      if (m.pieces < fewest) { fewest = m.pieces; }
    }
    hits = hits.filter(function (h) { return h[0].pieces === fewest; });
    hits.sort(function (a, b) {
      return (b[0].whole - a[0].whole) || (b[0].score - a[0].score) ||
        (a[1].s < b[1].s ? 1 : a[1].s > b[1].s ? -1 : 0);
    });
    var found = hits.map(function (h) { return h[1]; });
    found.pieces = fewest;
    return found;
  }

  /* Whole days left to the last day of posting, counted in the offset of the end instant
     (as theme/assets/expiry.js does on notice pages). */
  function daysLeft(stamp, now) {
    var endsAt = Date.parse(stamp);
    var zone = /([+-])(\d\d):(\d\d)$/.exec(stamp);
    if (isNaN(endsAt)) { return null; }
    var offset = zone ? (zone[1] === "-" ? -1 : 1) * (parseInt(zone[2], 10) * 60 + parseInt(zone[3], 10)) * 60000 : 0;
    return Math.floor((endsAt - 1 + offset) / DAY) - Math.floor((now + offset) / DAY);
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text) { e.textContent = text; }
    return e;
  }

  function link(href, text, className) {
    var a = element("a", className, text);
    a.href = href;
    return a;
  }

  /* One result, as listings show a notice (theme/templates/notice-item.mustache). */
  function item(d, now) {
    var li = element("li", "notice-item");
    li.setAttribute("data-ends", d.e);
    var h = element("h2", "notice-title");
    h.appendChild(link(d.u, d.t));
    li.appendChild(h);
    var meta = element("p", "notice-meta");
    meta.appendChild(d.tu ? link(d.tu, d.tn, "tag") : element("span", "tag", d.tn));
    if (d.cn) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(d.cu ? link(d.cu, d.cn) : document.createTextNode(d.cn));
    }
    if (d.n) { meta.appendChild(document.createTextNode(" · " + (form.getAttribute("data-number") || "") + " " + d.n)); }
    li.appendChild(meta);
    var period = element("p", "notice-period", d.p);
    var days = daysLeft(d.e, now);
    if (days !== null && days >= 0) {
      period.appendChild(document.createTextNode(" · "));
      period.appendChild(element("strong", "days-left", days === 0 ? form.getAttribute("data-last-day")
        : (form.getAttribute("data-left") || "").replace("{n}", String(days))));
      if (days < soon) {
        li.className += " is-expiring";
        period.appendChild(document.createTextNode(" "));
        period.appendChild(element("span", "soon-label", form.getAttribute("data-soon")));
      }
    }
    li.appendChild(period);
    if (d.a) { li.appendChild(element("p", "notice-action", d.a)); }
    if (d.sm) { li.appendChild(element("p", "notice-summary", d.sm)); }
    return li;
  }

  function say(key, n) {
    status.textContent = (form.getAttribute("data-" + key) || "").replace("{n}", String(n));
  }

  function address(q, type, commune) {
    var params = new URLSearchParams();
    if (q) { params.set("q", q); }
    if (type) { params.set("loai", type); }
    if (commune) { params.set("xa", commune); }
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  /* When nothing matches: shorter queries that find something, and the filters to drop. */
  function suggest(text, type, commune, now) {
    if (!help || !fewer || !unfilter) { return; }
    help.hidden = false;
    // Leave out one word, else two: the shorter queries that find notices with all their words
    // together (their last word taken as typed in full).
    var words = text.trim().split(/\s+/).filter(Boolean);
    var shorter = [];
    for (var drop = 1; drop <= 2 && !shorter.length && words.length > drop && words.length <= 8; drop++) {
      for (var i = 0; i < words.length; i++) {
        for (var j = drop === 1 ? i : i + 1; j < (drop === 1 ? i + 1 : words.length); j++) {
          var rest = words.filter(function (w, k) { return k !== i && k !== j; }).join(" ");
          var found = shorter.indexOf(rest) < 0 ? find(rest + " ", type, commune, now) : [];
          if (found.length && found.pieces === 1) { shorter.push(rest); }
        }
      }
    }
    var links = fewer.querySelector(".search-try-links");
    while (links.firstChild) { links.removeChild(links.firstChild); }
    shorter.slice(0, 3).forEach(function (rest, index) {
      if (index) { links.appendChild(document.createTextNode(", ")); }
      links.appendChild(link(address(rest, type, commune), rest, "search-try"));
    });
    fewer.hidden = !shorter.length;
    var others = (type || commune) && text ? find(text, "", "", now).length : 0;
    unfilter.hidden = !others;
    if (others) { unfilter.querySelector("a").href = address(text, "", ""); }
  }

  function run() {
    if (!docs) { return; }
    var text = input.value;
    var type = typeSelect ? typeSelect.value : "";
    var commune = communeSelect ? communeSelect.value : "";
    var now = Date.now();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (help) { help.hidden = true; }
    if (!parse(text).words.length && !type && !commune) { say("hint", 0); return; }
    var hits = find(text, type, commune, now);
    for (var j = 0; j < hits.length; j++) { list.appendChild(item(hits[j], now)); }
    say(hits.length ? "found" : "none", hits.length);
    if (!hits.length) { suggest(text, type, commune, now); }
    if (window.history && history.replaceState) { history.replaceState(null, "", address(text, type, commune)); }
  }

  /* A suggested query runs here, without reloading the page. */
  if (help) {
    help.addEventListener("click", function (e) {
      var a = e.target.closest ? e.target.closest("a") : null;
      if (!a || a.pathname !== location.pathname) { return; }
      e.preventDefault();
      var params = new URLSearchParams(a.search);
      input.value = params.get("q") || "";
      if (typeSelect) { typeSelect.value = params.get("loai") || ""; }
      if (communeSelect) { communeSelect.value = params.get("xa") || ""; }
      run();
      input.focus();
    });
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
    docs.forEach(prepare);
    soon = json.soon || 0;
    (json.synonyms || []).forEach(function (joined) {
      var group = String(joined).split("|");
      group.forEach(function (phrase) {
        var others = synonyms[phrase] || (synonyms[phrase] = []);
        group.forEach(function (other) { if (other !== phrase) { others.push(other.split(" ")); } });
        longestSynonym = Math.max(longestSynonym, phrase.split(" ").length);
      });
    });
    form.setAttribute("data-ready", "");
    run();
    // A page left open past a notice's end drops it (expiry.js hides it already; this also
    // corrects the count).
    setInterval(function () {
      var shown = list.querySelectorAll("li[data-ends]");
      for (var i = 0; i < shown.length; i++) {
        if (Date.parse(shown[i].getAttribute("data-ends")) <= Date.now()) { run(); return; }
      }
    }, 60000);
  }).catch(function () { say("error", 0); });
})();
