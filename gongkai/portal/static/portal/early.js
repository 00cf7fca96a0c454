// Runs in <head>, before the page is drawn: marks that scripts run (the menu button then
// folds the menu on narrow screens) and applies what the reader chose on this device:
// 关怀模式 and the type size of item pages (localStorage; no account, no cookie).
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    if (localStorage.getItem("gongkai-care") === "1") root.classList.add("care");
    var size = localStorage.getItem("gongkai-size");
    if (size === "large" || size === "small") root.setAttribute("data-size", size);
  } catch (e) { /* storage blocked: the defaults */ }
})();
