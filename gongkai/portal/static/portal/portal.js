// The portal's scripts (files only: the Content-Security-Policy forbids inline scripts).
// Everything works without them; they add the menu button, 关怀模式, 字号 and 打印.
(function () {
  var root = document.documentElement;

  function remember(key, value) {
    try { if (value) localStorage.setItem(key, value); else localStorage.removeItem(key); } catch (e) { /* ignore */ }
  }

  // 关怀模式: larger type, stronger contrast, wider spacing; remembered on this device.
  var care = document.querySelector("[data-care]");
  if (care) {
    care.hidden = false;
    care.setAttribute("aria-pressed", root.classList.contains("care") ? "true" : "false");
    care.addEventListener("click", function () {
      var on = root.classList.toggle("care");
      care.setAttribute("aria-pressed", on ? "true" : "false");
      remember("gongkai-care", on ? "1" : "");
    });
  }

  // The menu button, shown on narrow screens: opens and closes the menu; Escape closes it.
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    var setOpen = function (open) {
      nav.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    };
    toggle.addEventListener("click", function () { setOpen(!nav.classList.contains("open")); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) { setOpen(false); toggle.focus(); }
    });
  }

  // 字号 大/中/小 on item pages, remembered on this device.
  var sizes = document.querySelectorAll("[data-size-choice]");
  var showSize = function () {
    var current = root.getAttribute("data-size") || "medium";
    sizes.forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-size-choice") === current ? "true" : "false");
    });
  };
  sizes.forEach(function (button) {
    button.addEventListener("click", function () {
      var size = button.getAttribute("data-size-choice");
      if (size === "medium") root.removeAttribute("data-size"); else root.setAttribute("data-size", size);
      remember("gongkai-size", size === "medium" ? "" : size);
      showSize();
    });
  });
  showSize();
  document.querySelectorAll(".page-tools[hidden]").forEach(function (tools) { tools.hidden = false; });

  // 浏览次数: an item page tells the site it was read (one count per browser a day, see
  // gongkai/portal/readership.py) and shows the count it gets back.
  var article = document.querySelector("article[data-item]");
  if (article && window.fetch) {
    fetch("/liulan/" + article.getAttribute("data-item") + "/", { method: "POST", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        var shown = document.querySelector("[data-views]");
        if (!shown) return;
        shown.textContent = data.views;
        document.querySelectorAll(".views[hidden]").forEach(function (node) { node.hidden = false; });
      })
      .catch(function () { /* a count is not worth an error */ });
  }

  // 先查后申请: while an applicant describes what they want, published items that match
  // appear beside the field; opening one is counted (no more than a count).
  var searchFirst = document.querySelector("[data-search-first]");
  var described = searchFirst && document.getElementById(searchFirst.getAttribute("data-search-first"));
  if (described && window.fetch) {
    var list = searchFirst.querySelector("ul");
    var timer = null, asked = "";
    var show = function (items) {
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = item.title;
        var meta = document.createElement("span");
        meta.className = "meta";
        meta.textContent = item.date;
        li.appendChild(link);
        li.appendChild(meta);
        list.appendChild(li);
      });
      searchFirst.hidden = items.length === 0;
    };
    var ask = function () {
      var text = described.value.trim();
      if (text === asked) return;
      asked = text;
      if (text.length < 4) { show([]); return; }
      fetch(searchFirst.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) { if (described.value.trim() === text) show(data.items); })
        .catch(function () { /* suggestions are a help, not a step */ });
    };
    described.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 500); });
    list.addEventListener("click", function (event) {
      if (!event.target.closest("a")) return;
      var url = searchFirst.getAttribute("data-found-url");
      if (navigator.sendBeacon) navigator.sendBeacon(url);
      else fetch(url, { method: "POST", credentials: "same-origin", keepalive: true });
    });
    ask();
  }

  // Buttons marked data-print print the page (receipts, items).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
